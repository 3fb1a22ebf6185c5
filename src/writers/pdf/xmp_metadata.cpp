#include "writers/pdf/xmp_metadata.hpp"

#include "text/text.hpp"

#include <cstdio>
#include <ctime>

namespace handout {

namespace {

/// Returns s escaped for XML text and attributes, without characters XML 1.0 cannot hold.
std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = text::next_code_point(s, i);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.append(s, start, i - start);
    }
  }
  return out;
}

std::string iso_date(std::int64_t epoch) {
  const std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace

std::string xmp_packet(const XmpFields& f) {
  const std::string lang = f.language.empty() ? "x-default" : escape(f.language);
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";
  x += " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
  x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(f.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!f.language.empty()) x += "   <dc:language><rdf:Bag><rdf:li>" + lang + "</rdf:li></rdf:Bag></dc:language>\n";
  if (!f.creators.empty()) {
    x += "   <dc:creator><rdf:Seq>";
    for (const std::string& c : f.creators) x += "<rdf:li>" + escape(c) + "</rdf:li>";
    x += "</rdf:Seq></dc:creator>\n";
  }
  if (!f.description.empty()) {
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escape(f.description) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  }
  if (!f.keywords.empty()) x += "   <pdf:Keywords>" + escape(f.keywords) + "</pdf:Keywords>\n";
  if (!f.tool.empty()) {
    x += "   <pdf:Producer>" + escape(f.tool) + "</pdf:Producer>\n";
    x += "   <xmp:CreatorTool>" + escape(f.tool) + "</xmp:CreatorTool>\n";
  }
  if (f.date_epoch) {
    const std::string date = iso_date(*f.date_epoch);
    x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
    x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
    x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
  }
  if (f.pdfua) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
  x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>";
  return x;
}

}  // namespace handout
