// The words handout writes in the document's language (styles/messages.yaml), dates and numbers
// printed through ICU, language detection (script, then CLD2) and text direction.
#include "text/callout_labels.hpp"
#include "text/language_detection.hpp"
#include "text/language_tag.hpp"
#include "text/locale_format.hpp"
#include "text/messages.hpp"
#include "transforms/summary_content.hpp"
#include "writers/epub/xhtml_page.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <string>

using namespace handout;

TEST_CASE("the message catalog gives every message in each of its languages", "[languages]") {
  const MessageCatalogReport r = message_catalog_report();
  CHECK(r.messages >= 20);
  for (const char* l : {"en", "es", "zh-Hans", "zh-Hant", "vi", "ko", "ru", "ar", "tl", "ht", "pt", "fr", "hi", "bn", "fa"}) {
    INFO(l);
    CHECK(std::find(r.languages.begin(), r.languages.end(), l) != r.languages.end());
  }
  std::string missing;
  for (const auto& [m, l] : r.missing) missing += m + " (" + l + "); ";
  CHECK(missing.empty());
}

TEST_CASE("a language tag finds its catalog language", "[languages]") {
  CHECK(message_language("es-MX") == "es");
  CHECK(message_language("pt-BR") == "pt");
  CHECK(message_language("zh") == "zh-Hans");
  CHECK(message_language("zh-CN") == "zh-Hans");
  CHECK(message_language("zh-TW") == "zh-Hant");
  CHECK(message_language("zh-Hant-HK") == "zh-Hant");
  CHECK(message_language("fil") == "tl");
  CHECK(message_language("EN_us") == "en");
  CHECK(message_language("") == "en");
  CHECK(message_language("sw").empty());
}

TEST_CASE("messages are translated, with placeholders filled where the language puts them", "[languages]") {
  CHECK(message("Key points", "es") == "Puntos clave");
  CHECK(message("Key points", "zh-TW") == "重點");
  CHECK(message("Key points", "en-US") == "Key points");
  CHECK(message("Key points", "sw") == "Key points");          // no such language: English
  CHECK(message("Our own footer text", "es") == "Our own footer text");  // no such message
  CHECK(message("Page {page} of {pages}", "fr", {{"page", "2"}, {"pages", "5"}}) == "Page 2 sur 5");
  CHECK(message("Page {page} of {pages}", "ko", {{"page", "2"}, {"pages", "5"}}) == "2/5쪽");
  CHECK(message("Updated {date}", "en", {{"date", "June 5, 2026"}}) == "Updated June 5, 2026");
  CHECK(missing_messages_warning("es").empty());
  CHECK(missing_messages_warning("sw").find("no labels in language 'sw'") != std::string::npos);
}

TEST_CASE("dates print in the language's long form (CLDR through ICU)", "[languages]") {
  CHECK(print_date("2026-04-01", "en-US") == "April 1, 2026");
  CHECK(print_date("2026-03", "en") == "March 2026");
  CHECK(print_date("2026-03-12", "es") == "12 de marzo de 2026");
  CHECK(print_date("2026-01-14", "pt-BR") == "14 de janeiro de 2026");
  CHECK(print_date("2025-11-04", "fr") == "4 novembre 2025");
  CHECK(print_date("2026-04-18", "zh-Hans") == "2026年4月18日");
  CHECK(print_date("2026-06-05", "ko") == "2026년 6월 5일");
  CHECK(print_date("2025-09-15", "ru") == "15 сентября 2025\u202fг.");  // CLDR: a narrow no-break space
  CHECK(print_date("2026-07-08", "tl") == "Hulyo 8, 2026");
  CHECK(print_date("2026-08-03", "ht") == "3 out 2026");  // CLDR has no Haitian Creole: the month table
  CHECK(print_date("2026-06-05", "fa") == "۱۵ خرداد ۱۴۰۵");  // Persian: the Solar Hijri calendar
  CHECK(print_date("not a date", "es") == "not a date");
  CHECK(print_date("2026-02-30x", "es") == "2026-02-30x");
}

TEST_CASE("numbers print in the language's default digits", "[languages]") {
  CHECK(print_number(12, "en") == "12");
  CHECK(print_number(12, "es") == "12");
  CHECK(print_number(12, "fa") == "۱۲");
  CHECK(print_number(1234, "de") == "1234");  // no grouping
  CHECK(print_number(3, "sw-XX") == "3");
}

TEST_CASE("language detection: the script first, then CLD2 within it", "[languages]") {
  CHECK(detect_language("").tag.empty());
  CHECK(detect_language("Hi there").tag.empty());  // too short to tell
  CHECK(detect_language("Lávese las manos con agua y jabón durante al menos veinte segundos, sobre todo antes de "
                        "comer y después de ir al baño.")
            .tag == "es");
  CHECK(detect_language("Rửa tay bằng xà phòng và nước sạch trong ít nhất hai mươi giây, nhất là trước khi ăn và sau "
                        "khi đi vệ sinh.")
            .tag == "vi");
  CHECK(detect_language("发烧是身体对抗感染的一种正常反应。请多喝水，好好休息。如果呼吸困难，请立即拨打急救电话。").tag == "zh-Hans");
  CHECK(detect_language("發燒是身體對抗感染的一種正常反應。請多喝水，好好休息。如果呼吸困難，請立即撥打急救電話。").tag == "zh-Hant");
  const DetectedLanguage ko = detect_language("열은 몸이 감염과 싸우는 정상적인 반응입니다. 물을 충분히 마시고 쉬세요.");
  CHECK(ko.tag == "ko");
  CHECK(ko.script == "Hang");
}

TEST_CASE("right-to-left languages and mixed-direction blocks in XHTML", "[languages]") {
  CHECK(language_tag::is_right_to_left("ar"));
  CHECK(language_tag::is_right_to_left("fa-IR"));
  CHECK(language_tag::is_right_to_left("he"));
  CHECK_FALSE(language_tag::is_right_to_left("en"));
  CHECK_FALSE(language_tag::is_right_to_left("zh-Hant"));
  CHECK_FALSE(language_tag::is_right_to_left(""));

  pugi::xml_document page;
  pugi::xml_node body = start_xhtml_page(page, "ar", "t", "style.css");
  CHECK(std::string(page.document_element().attribute("dir").value()) == "rtl");
  body.append_child("p").append_child(pugi::node_pcdata).set_value("تناول paracetamol 500 mg");
  body.append_child("p").append_child(pugi::node_pcdata).set_value("500 mg paracetamol, then rest");
  mark_block_directions(page);
  CHECK_FALSE(body.first_child().attribute("dir"));  // Arabic in an Arabic page: inherits
  CHECK(std::string(body.last_child().attribute("dir").value()) == "ltr");

  pugi::xml_document en;
  pugi::xml_node en_body = start_xhtml_page(en, "en", "t", "style.css");
  CHECK_FALSE(en.document_element().attribute("dir"));
  en_body.append_child("p").append_child(pugi::node_pcdata).set_value("«مرحبا» means hello");
  mark_block_directions(en);
  CHECK(std::string(en_body.first_child().attribute("dir").value()) == "rtl");
}

TEST_CASE("call-out labels in the document's language", "[languages]") {
  auto kind = [](std::string_view paragraph, std::string_view language) {
    auto label = leading_callout_label(paragraph, language);
    return label ? static_cast<int>(label->kind) : -1;
  };
  CHECK(kind("Importante: tome el medicamento con comida.", "es") == static_cast<int>(Admonition::important));
  CHECK(kind("Attention : ne pas dépasser la dose.", "fr") == static_cast<int>(Admonition::caution));  // French spacing
  CHECK(kind("Attention: ne pas dépasser la dose.", "fr") == static_cast<int>(Admonition::caution));
  CHECK(kind("Cảnh báo: không dùng quá liều.", "vi") == static_cast<int>(Admonition::warning));
  CHECK(kind("注意：不要超过剂量。", "zh-Hans") == static_cast<int>(Admonition::caution));
  CHECK(kind("경고: 과다 복용하지 마세요.", "ko") == static_cast<int>(Admonition::warning));
  CHECK(kind("Babala: huwag lumampas sa dosis.", "fil") == static_cast<int>(Admonition::warning));
  CHECK(kind("Importante: tome el medicamento.", "en") == -1);  // Spanish words in an English document
}

TEST_CASE("the summary content's sections are titled in the document's language", "[languages]") {
  Diagnostics diag("es.md");
  Document doc = test::markdown(
      "---\ntitle: La fiebre\nlang: es\nkey-points:\n  - Beba agua.\nquestions:\n  - ¿Qué tomo?\n---\n\n"
      "Tener fiebre es normal.\n",
      diag);
  select_summary_content(doc, TransformOptions{}, diag);
  std::string titles;
  for (const auto& x : doc.xml().select_nodes("//title")) titles += std::string(x.node().text().get()) + "|";
  CHECK(titles.find("Puntos clave") != std::string::npos);
  CHECK(titles.find("Preguntas para su equipo de atención médica") != std::string::npos);
  CHECK(titles.find("Questions") == std::string::npos);
  CHECK(titles.find("Key points") == std::string::npos);
  CHECK(doc.xml().select_nodes("//section[@role='questions']").size() == 1);
  // A questions section the source has in its language is the one: none is added.
  Document own = test::markdown(
      "---\ntitle: La fiebre\nlang: es\nquestions:\n  - ¿Qué tomo?\n---\n\nTexto.\n\n"
      "## Preguntas para su médico\n\n- ¿Cuándo llamo?\n",
      diag);
  select_summary_content(own, TransformOptions{}, diag);
  CHECK(own.xml().select_nodes("//section").size() == 1);
  CHECK(own.xml().select_nodes("//section[@role='questions']").size() == 1);
}
