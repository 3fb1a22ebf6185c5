// The page of handout serve: no framework, labelled controls, readable at 390 px.
#include "serve/page.hpp"

namespace handout {

const char* const kServePage = R"HTML(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>handout: make a handout</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<main>
<h1>Make a handout</h1>
@CATALOG@
<form id="convert">
<p><label for="text">Paste the text (a web page you copied, or Markdown)</label>
<textarea id="text" name="text" rows="10"></textarea></p>
<p><label for="file">Or choose a file (@EXTENSIONS@)</label>
<input id="file" name="file" type="file" accept="@ACCEPT@"></p>
<p><label for="style">Style</label>
<select id="style" name="style">@STYLES@</select></p>
<p><label for="lang">Language of the text</label>
<select id="lang" name="lang">@LANGUAGES@</select></p>
<p><button type="submit">Convert</button></p>
</form>
<section id="result" aria-live="polite" hidden>
<h2>Result</h2>
<div id="messages"></div>
<ul id="links"></ul>
<iframe id="preview" title="The handout PDF"></iframe>
</section>
</main>
<script src="/page.js"></script>
</body>
</html>
)HTML";

const char* const kServeCss = R"CSS(
*{box-sizing:border-box}
body{margin:0;font:1.1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fafafa}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.8rem;margin:.5rem 0 1rem}
label{display:block;font-weight:600;margin-bottom:.3rem}
textarea,select,input[type=file]{width:100%;font:inherit;padding:.5rem;border:2px solid #555;border-radius:4px;background:#fff}
button{font:inherit;font-weight:600;padding:.6rem 1.6rem;border:0;border-radius:4px;background:#0b5394;color:#fff;cursor:pointer}
button:focus,textarea:focus,select:focus,input:focus,a:focus{outline:3px solid #e69500;outline-offset:2px}
#messages p{margin:.3rem 0;padding:.5rem;border-left:4px solid #b45f06;background:#fff4e5}
#messages p.error{border-color:#a00;background:#fde8e8}
#messages p.note,#messages p.ok{border-color:#3d6b35;background:#eef6ec}
#links{padding-left:1.2rem}
#links a,.catalog a{color:#0b5394}
iframe{width:100%;height:70vh;border:1px solid #999;margin-top:1rem}
)CSS";

const char* const kServeJs = R"JS(
'use strict';
const token = new URLSearchParams(location.search).get('token') || '';
const form = document.getElementById('convert');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button');
  const result = document.getElementById('result');
  const messages = document.getElementById('messages');
  const links = document.getElementById('links');
  button.disabled = true;
  button.textContent = 'Converting...';
  messages.textContent = '';
  links.textContent = '';
  const say = (text, cls) => { const p = document.createElement('p'); p.textContent = text; if (cls) p.className = cls; messages.append(p); };
  try {
    const body = new FormData(form);
    const response = await fetch('/convert', {method: 'POST', body, headers: {'X-Handout-Token': token}});
    if (!response.ok) {
      const text = await response.text();
      let said = text;
      try { said = JSON.parse(text).error || text; } catch (e) { /* a plain-text answer */ }
      say(response.status === 413 ? 'The file or text is too large to convert here.' : said, 'error');
    } else {
      const answer = await response.json();
      if (answer.messages.length === 0) say('No problems found.', 'ok');
      for (const m of answer.messages) say((m.line ? 'Line ' + m.line + ': ' : '') + m.message, m.severity);
      const names = {pdf: 'Handout (PDF)', summary: 'Summary sheet (PDF)', epub: 'E-book (EPUB)'};
      for (const [name, url] of Object.entries(answer.files)) {
        const li = document.createElement('li');
        const view = document.createElement('a'); view.href = url; view.textContent = 'Open ' + names[name]; view.target = '_blank';
        const down = document.createElement('a'); down.href = url + '?download=1'; down.textContent = 'Download'; down.setAttribute('download', '');
        li.append(view, ' \u00b7 ', down);
        links.append(li);
      }
      if (answer.zip) {
        const li = document.createElement('li');
        const all = document.createElement('a'); all.href = answer.zip; all.textContent = 'Download all (ZIP)'; all.setAttribute('download', 'handout.zip');
        li.append(all);
        links.append(li);
      }
      const preview = document.getElementById('preview');
      if (answer.files.pdf) { preview.src = answer.files.pdf; preview.hidden = false; } else { preview.hidden = true; }
    }
  } catch (e) {
    say('The server could not be reached: ' + e.message, 'error');
  }
  result.hidden = false;
  button.disabled = false;
  button.textContent = 'Convert';
});
)JS";

}  // namespace handout
