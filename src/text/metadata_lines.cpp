#include "text/metadata_lines.hpp"

#include "text/dates.hpp"
#include "text/language_tag.hpp"
#include "text/line_shape.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>

namespace handout {

namespace {

constexpr std::size_t kMaxLineBytes = 1000;  // longer text is never a metadata line
constexpr std::size_t kMaxBylineWords = 35;
constexpr std::size_t kMaxCopyrightWords = 60;
constexpr std::size_t kMaxDatePrefixWords = 7;
constexpr std::size_t kMaxDateSuffixWords = 8;
constexpr std::size_t kKeywordReach = 3;  // a date's keyword is among the last words before it
constexpr std::size_t kMaxUnreadWords = 4;
constexpr std::size_t kMaxNameWords = 6;
constexpr std::size_t kMaxLeadBytes = 48;  // "Medically reviewed by " and the like fit

/// The words bylines are written with in one language, lowercase. A later language is one
/// more entry in byline_word_table().
struct BylineWords {
  std::string_view language;                   ///< BCP 47 primary subtag
  std::vector<std::string_view> updated;       ///< a date after these is the updated date
  std::vector<std::string_view> published;     ///< a date after these is the published date
  std::vector<std::string_view> fillers;       ///< may stand around those keywords: "last", "on"
  std::vector<std::string_view> by;            ///< before an author: "By Dana Ortiz"
  std::vector<std::string_view> author_labels;  ///< "Author: Dana Ortiz", "Written by …"
  std::vector<std::string_view> reviewed_by;   ///< "Medically reviewed by …"
  std::vector<std::string_view> articles;      ///< "By the Pharmacy Team" names an organization
  std::vector<std::string_view> organization_words;  ///< a name ending in one is an organization
  std::vector<std::string_view> reading;       ///< "4 min read", "reading time"
  std::vector<std::string_view> time;          ///< "reading time"
  std::vector<std::string_view> minutes;       ///< "4 minutes", "4-min"
  std::vector<std::string_view> about;         ///< "about 4 minutes"
  std::vector<std::string_view> verbs;         ///< common verbs: a date's tail holding one is a clause
};

const std::vector<BylineWords>& byline_word_table() {
  static const std::vector<BylineWords> table = {
      {"en",
       {"updated", "edited", "reviewed", "modified", "revised", "refreshed", "checked"},
       {"published", "posted", "written", "created", "released", "dated", "date", "issued"},
       {"last", "on", "in", "at", "was", "page", "this", "content", "article", "first", "originally", "medically"},
       {"by"},
       {"author", "authors", "written by", "words by"},
       {"reviewed by", "medically reviewed by", "checked by"},
       {"the"},
       {"team", "staff", "editors", "editorial", "board", "committee", "department", "clinic", "hospital",
        "centre", "center", "service", "services", "society", "association", "institute", "foundation", "group",
        "office", "unit", "pharmacy", "library", "network", "programme", "program", "trust", "council",
        "authority", "agency", "ministry", "university", "college", "practice", "desk", "newsroom"},
       {"read", "reading"},
       {"time"},
       {"min", "mins", "minute", "minutes", "min.", "mins."},
       {"about", "approx.", "~"},
       {"is", "are", "was", "were", "be", "been", "will", "can", "should", "may", "must", "have", "has", "had",
        "do", "does", "did", "says", "said"}},
      // Other languages (the languages of styles/messages.yaml). Keywords are single words as
      // bare_words splits a line: "mis à jour" is found by "jour", "cập nhật" by "nhật".
      {.language = "es",
       .updated = {"actualizado", "actualizada", "actualización", "actualizacion", "revisado", "revisada", "modificado"},
       .published = {"publicado", "publicada", "fecha"},
       .fillers = {"el", "la", "última", "ultima", "de", "en", "vez"},
       .by = {"por"},
       .author_labels = {"autor", "autora", "autores", "escrito por"},
       .reviewed_by = {"revisado por", "revisada por"},
       .articles = {"el", "la", "los", "las"},
       .organization_words = {"equipo", "personal", "clínica", "hospital", "centro", "servicio", "departamento",
                              "comité", "redacción", "unidad", "farmacia", "asociación", "fundación", "instituto",
                              "ministerio", "universidad"},
       .reading = {"lectura"},
       .time = {"tiempo"},
       .minutes = {"min", "minuto", "minutos"},
       .about = {"unos", "aprox."},
       .verbs = {"es", "son", "fue", "será", "puede", "debe", "tiene", "dice"}},
      {.language = "pt",
       .updated = {"atualizado", "atualizada", "atualização", "revisado", "revisada"},
       .published = {"publicado", "publicada", "data"},
       .fillers = {"em", "no", "na", "última", "ultima", "de"},
       .by = {"por"},
       .author_labels = {"autor", "autora", "autores", "escrito por"},
       .reviewed_by = {"revisado por", "revisada por"},
       .articles = {"o", "a", "os", "as"},
       .organization_words = {"equipe", "equipa", "clínica", "hospital", "centro", "serviço", "departamento",
                              "unidade", "farmácia", "associação", "fundação", "instituto", "ministério",
                              "universidade", "redação"},
       .reading = {"leitura"},
       .time = {"tempo"},
       .minutes = {"min", "minuto", "minutos"},
       .about = {"cerca"},
       .verbs = {"é", "são", "foi", "pode", "deve", "tem"}},
      {.language = "fr",
       .updated = {"jour", "actualisé", "actualisée", "révisé", "révisée", "modifié", "modifiée"},
       .published = {"publié", "publiée", "date"},
       .fillers = {"le", "la", "à", "mis", "mise", "dernière", "derniere", "du", "en"},
       .by = {"par"},
       .author_labels = {"auteur", "autrice", "auteurs", "rédigé par"},
       .reviewed_by = {"relu par", "validé par", "révisé par"},
       .articles = {"le", "la", "les", "l'"},
       .organization_words = {"équipe", "service", "clinique", "hôpital", "centre", "département", "comité",
                              "rédaction", "unité", "pharmacie", "association", "fondation", "institut", "ministère",
                              "université"},
       .reading = {"lecture"},
       .time = {"temps"},
       .minutes = {"min", "minute", "minutes"},
       .about = {"environ"},
       .verbs = {"est", "sont", "était", "peut", "doit", "a", "ont"}},
      {.language = "vi",
       .updated = {"nhật"},
       .published = {"đăng", "bản"},
       .fillers = {"cập", "xuất", "lần", "cuối", "vào", "ngày"},
       .by = {"bởi"},
       .author_labels = {"tác giả"},
       .reviewed_by = {"kiểm duyệt bởi"},
       .articles = {},
       .organization_words = {"nhóm", "ban", "khoa", "viện", "tâm"},
       .reading = {"đọc"},
       .time = {"gian"},
       .minutes = {"phút"},
       .about = {"khoảng"},
       .verbs = {"là", "có", "được", "sẽ"}},
      {.language = "tl",
       .updated = {"na-update", "in-update", "binago"},
       .published = {"inilathala", "nailathala", "petsa"},
       .fillers = {"noong", "sa", "huling"},
       .by = {"ni", "nina"},
       .author_labels = {"isinulat ng", "isinulat ni", "may-akda"},
       .reviewed_by = {"sinuri ng", "sinuri ni"},
       .articles = {"ang"},
       .organization_words = {"pangkat", "koponan", "klinika", "ospital", "sentro", "tanggapan", "kagawaran"},
       .reading = {"pagbasa"},
       .time = {"oras"},
       .minutes = {"minuto", "min"},
       .about = {"humigit-kumulang"},
       .verbs = {"ay"}},
      {.language = "ht",
       .updated = {"mizajou", "ajou"},
       .published = {"pibliye", "dat"},
       .fillers = {"dènye", "denye", "nan", "le", "jou", "mete"},
       .by = {"pa"},
       .author_labels = {"otè", "ekri pa"},
       .reviewed_by = {"revize pa"},
       .articles = {"la", "a"},
       .organization_words = {"ekip", "klinik", "lopital", "sant", "sèvis", "depatman", "biwo", "ministè", "a", "la"},
       .reading = {"lekti"},
       .time = {"tan"},
       .minutes = {"minit", "min"},
       .about = {"anviwon"},
       .verbs = {"se", "ap", "te", "gen", "dwe", "kapab"}},
      {.language = "ru",
       .updated = {"обновлено", "обновлена", "обновлён", "обновление", "изменено", "отредактировано", "проверено"},
       .published = {"опубликовано", "опубликована", "дата", "размещено"},
       .fillers = {"последнее", "последняя", "в", "на", "от", "страница", "статья"},
       .by = {},
       .author_labels = {"автор", "авторы", "текст"},
       .reviewed_by = {"проверено"},
       .articles = {},
       .organization_words = {"команда", "редакция", "отдел", "клиника", "больница", "центр", "служба", "отделение",
                              "министерство", "университет"},
       .reading = {"чтения", "чтение"},
       .time = {"время"},
       .minutes = {"мин", "минуты", "минут", "минута"},
       .about = {"около", "примерно"},
       .verbs = {"является", "был", "была", "было", "может", "должен", "есть"}},
      {.language = "ar",
       .updated = {"تحديث", "التحديث", "حُدّث", "حدث"},
       .published = {"نشر", "نُشر", "النشر", "تاريخ"},
       .fillers = {"آخر", "اخر", "في", "بتاريخ", "تم"},
       .by = {"بقلم"},
       .author_labels = {"الكاتب", "المؤلف", "كتبه"},
       .reviewed_by = {"راجعه"},
       .articles = {},
       .organization_words = {"فريق", "قسم", "عيادة", "مستشفى", "مركز", "وزارة", "جامعة", "إدارة", "التمريض"},
       .reading = {"قراءة"},
       .time = {"وقت"},
       .minutes = {"دقيقة", "دقائق"},
       .about = {"حوالي", "نحو"},
       .verbs = {"هو", "هي", "كان", "يمكن", "يجب"}},
      {.language = "fa",
       .updated = {"ویرایش", "به‌روزرسانی", "بروزرسانی", "به‌روز"},
       .published = {"انتشار", "منتشرشده", "تاریخ"},
       .fillers = {"آخرین", "در", "شده"},
       .by = {"نوشتهٔ", "نوشته"},
       .author_labels = {"نویسنده"},
       .reviewed_by = {},
       .articles = {},
       .organization_words = {"تیم", "گروه", "بخش", "کلینیک", "بیمارستان", "مرکز", "وزارت", "دانشگاه"},
       .reading = {"مطالعه"},
       .time = {"زمان"},
       .minutes = {"دقیقه"},
       .about = {"حدود"},
       .verbs = {"است", "هست", "بود", "باید"}},
      {.language = "hi",
       .updated = {"अपडेट", "अद्यतन", "संशोधित"},
       .published = {"प्रकाशित", "तारीख", "दिनांक"},
       .fillers = {"अंतिम", "आखिरी", "को", "पर", "किया", "गया"},
       .by = {},
       .author_labels = {"लेखक"},
       .reviewed_by = {},
       .articles = {},
       .organization_words = {"टीम", "विभाग", "क्लिनिक", "अस्पताल", "केंद्र", "मंत्रालय", "संस्थान"},
       .reading = {"पढ़ने"},
       .time = {"समय"},
       .minutes = {"मिनट"},
       .about = {"लगभग"},
       .verbs = {"है", "हैं", "था", "थे", "होगा", "सकता"}},
      {.language = "bn",
       .updated = {"হালনাগাদ", "আপডেট", "হালনাগাদকৃত"},
       .published = {"প্রকাশিত", "প্রকাশ", "তারিখ"},
       .fillers = {"সর্বশেষ", "শেষ"},
       .by = {},
       .author_labels = {"লেখক"},
       .reviewed_by = {},
       .articles = {},
       .organization_words = {"টিম", "দল", "বিভাগ", "ক্লিনিক", "হাসপাতাল", "কেন্দ্র", "মন্ত্রণালয়"},
       .reading = {"পড়তে", "পড়ার"},
       .time = {"সময়"},
       .minutes = {"মিনিট"},
       .about = {"প্রায়"},
       .verbs = {"হয়", "আছে", "ছিল", "হবে", "পারে"}},
      {.language = "zh",
       .updated = {"更新", "更新日期", "更新于", "更新於", "最后更新", "最後更新", "修订日期", "修訂日期", "更新时间",
                   "更新時間"},
       .published = {"发布", "發布", "发布日期", "發布日期", "发布于", "發布於", "发表于", "發表於", "日期"},
       .fillers = {},
       .by = {},
       .author_labels = {"作者", "撰稿"},
       .reviewed_by = {"审核", "審核"},
       .articles = {},
       .organization_words = {"中心", "团队", "團隊", "医院", "醫院", "诊所", "診所", "部", "科"},
       .reading = {"阅读", "閱讀"},
       .time = {"时间", "時間"},
       .minutes = {"分钟", "分鐘"},
       .about = {"约", "約"},
       .verbs = {}},
      {.language = "ko",
       .updated = {"업데이트", "수정", "수정일", "갱신", "갱신일"},
       .published = {"게시", "게시일", "작성일", "발행일", "등록일"},
       .fillers = {"최종", "마지막"},
       .by = {},
       .author_labels = {"작성자", "글쓴이"},
       .reviewed_by = {"감수"},
       .articles = {},
       .organization_words = {"팀", "센터", "병원", "의원", "보건소", "부서"},
       .reading = {"읽기"},
       .time = {"시간"},
       .minutes = {"분"},
       .about = {"약"},
       .verbs = {}},
  };
  return table;
}

/// Returns the words of a language tag's primary subtag, English when there is no entry.
const BylineWords& byline_words(std::string_view language_tag) {
  std::string primary = language_tag::primary(language_tag);
  if (primary == "fil") primary = "tl";
  for (const BylineWords& w : byline_word_table())
    if (w.language == primary) return w;
  return byline_word_table().front();
}

/// True when s holds a decimal digit of any script ("7", "৭", "۷").
bool has_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b >= '0' && b <= '9') return true;
      ++i;
      continue;
    }
    if (utf8proc_category(static_cast<utf8proc_int32_t>(text::next_code_point(s, i))) == UTF8PROC_CATEGORY_ND) return true;
  }
  return false;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

bool is_one_of(std::string_view word, const std::vector<std::string_view>& words) {
  for (std::string_view w : words)
    if (word == w) return true;
  return false;
}

/// Words of s, case folded, without the punctuation around them ("Updated:" gives "updated").
std::vector<std::string> bare_words(std::string_view s) {
  std::string folded = text::fold_case(s);
  // The ideographic space separates words as a space does (Chinese and Japanese bylines).
  for (std::size_t at = folded.find("\xE3\x80\x80"); at != std::string::npos; at = folded.find("\xE3\x80\x80", at))
    folded.replace(at, 3, " ");
  std::vector<std::string> words = text::split_words(folded);
  for (std::string& w : words) {
    for (bool cut = true; cut;) {  // ":,;.()\"" and the fullwidth colon and comma of CJK text
      cut = false;
      while (!w.empty() && std::string_view(":,;.()\"").find(w.back()) != std::string_view::npos) w.pop_back(), cut = true;
      for (std::string_view wide : {"\xEF\xBC\x9A", "\xEF\xBC\x8C"})
        if (w.size() >= wide.size() && w.compare(w.size() - wide.size(), wide.size(), wide) == 0) w.resize(w.size() - wide.size()), cut = true;
    }
    while (!w.empty() && std::string_view("(\"").find(w.front()) != std::string_view::npos) w.erase(0, 1);
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  return words;
}

/// Splits a byline at "·", "|", "•", "—" and en dashes or hyphens with spaces around them.
std::vector<std::string_view> byline_parts(std::string_view line) {
  static constexpr std::array<std::string_view, 6> kSeparators = {"\xC2\xB7", "|", "\xE2\x80\xA2",
                                                                  "\xE2\x80\x94", " \xE2\x80\x93 ", " - "};
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c != '\xC2' && c != '|' && c != '\xE2' && c != ' ') {  // no separator starts here
      ++i;
      continue;
    }
    std::size_t hit = 0;
    for (std::string_view sep : kSeparators) {
      if (line.substr(i, sep.size()) == sep) {
        hit = sep.size();
        break;
      }
    }
    if (hit == 0) {
      ++i;
      continue;
    }
    if (auto part = text::trim(line.substr(start, i - start)); !part.empty()) parts.push_back(part);
    i += hit;
    start = i;
  }
  if (auto part = text::trim(line.substr(start)); !part.empty()) parts.push_back(part);
  return parts;
}

/// Drops a trailing " on", ",", ":" or "." from a name or a keyword phrase.
std::string_view strip_tail(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    s = text::trim(s);
    for (std::string_view tail : {",", ":", ".", " on", " On"}) {
      if (s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail) {
        s.remove_suffix(tail.size());
        again = true;
      }
    }
  }
  return s;
}

/// A name read after "by": a person or an organization.
struct Name {
  std::string text;
  bool organization = false;
  bool empty() const { return text.empty(); }
};

/// Reads a name: at most six words, no digits, a capital first ("Dana Ortiz, RN"); after an
/// article ("the Pharmacy Editorial Team") or ending in an organization word ("Clinic Staff")
/// it is an organization, and after an article a lowercase one ("the editorial team") counts.
Name read_name(std::string_view name, const BylineWords& words) {
  name = strip_tail(name);
  bool organization = false;
  bool after_article = false;
  for (std::string_view article : words.articles) {
    if (name.size() > article.size() + 1 && text::fold_case(name.substr(0, article.size())) == article &&
        name[article.size()] == ' ') {
      name = text::trim(name.substr(article.size() + 1));
      organization = after_article = true;
      break;
    }
  }
  const std::vector<std::string> w = bare_words(name);
  if (w.empty() || w.size() > kMaxNameWords) return {};
  for (const char c : name)
    if (c >= '0' && c <= '9') return {};
  // "Clinic Staff" ends in an organization word; "equipo de Salud Comunitaria", "Ekip Enfimyè …"
  // start with one (languages that put the noun first).
  const bool org_word = is_one_of(w.back(), words.organization_words) ||
                        (words.language != "en" && is_one_of(w.front(), words.organization_words));
  organization = organization || org_word;
  if (!line_shape::starts_with_capital_or_digit(name) && !(after_article && org_word)) return {};
  return {std::string(name), organization};
}

/// Returns the name after "by" in s (up to " on" or the end), or an empty name.
Name name_after_by(std::string_view s, const BylineWords& words) {
  const std::string folded = text::fold_case(s);
  std::size_t at = std::string::npos;
  for (std::string_view by : words.by) {
    const std::string lead = std::string(by) + " ";
    if (folded.rfind(lead, 0) == 0) {
      at = lead.size();
    } else if (const std::size_t p = folded.find(" " + lead); p != std::string::npos) {
      at = p + lead.size() + 1;
    }
    if (at != std::string::npos) break;
  }
  if (at == std::string::npos) return {};
  std::string_view name = s.substr(at);
  if (const std::size_t on = name.find(" on "); on != std::string_view::npos) name = name.substr(0, on);
  return read_name(name, words);
}

bool is_reading_time(std::string_view part, const BylineWords& words) {
  const std::vector<std::string> w = text::split_words(text::fold_case(part));
  if (w.empty() || w.size() > 6) return false;
  std::size_t i = 0;
  bool keyworded = false;
  std::string second = w.size() >= 2 ? w[1] : std::string();
  if (!second.empty() && second.back() == ':') second.pop_back();
  if (w.size() >= 2 && is_one_of(w[0], words.reading) && is_one_of(second, words.time)) i = 2, keyworded = true;
  if (i < w.size() && is_one_of(w[i], words.about)) ++i;
  if (i >= w.size()) return false;
  // "4", "4-minute", "4min".
  std::string_view number = w[i];
  std::size_t digits = 0;
  while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
  if (digits == 0) return false;
  std::string_view unit = number.substr(digits);
  if (!unit.empty() && unit[0] == '-') unit.remove_prefix(1);
  ++i;
  if (unit.empty() && i < w.size()) unit = w[i++];
  if (!is_one_of(unit, words.minutes)) return false;
  std::string after = i < w.size() ? w[i] : std::string();
  if (!after.empty() && after.back() == '.') after.pop_back();
  const bool read = is_one_of(after, words.reading);
  if (read) ++i;
  return i == w.size() && (keyworded || read);
}

/// Which date a keyword announces.
enum class DateRole { none, published, updated };

DateRole role_of(std::string_view word, const BylineWords& words) {
  if (is_one_of(word, words.updated)) return DateRole::updated;
  if (is_one_of(word, words.published)) return DateRole::published;
  return DateRole::none;
}

/// The keyword closest before a date among the last few words of its prefix ("last updated
/// on"), or none.
DateRole near_keyword(const std::vector<std::string>& prefix, const BylineWords& words) {
  for (std::size_t k = 0; k < prefix.size() && k < kKeywordReach; ++k) {
    const DateRole r = role_of(prefix[prefix.size() - 1 - k], words);
    if (r != DateRole::none) return r;
  }
  return DateRole::none;
}

/// How much of a byline part was understood.
enum class Part { not_understood, understood, date_only };

class PartReader {
 public:
  PartReader(MetadataLine& out, const BylineWords& words, const DateLocale& locale, bool line_ends_sentence)
      : out_(out), words_(words), locale_(locale), line_ends_sentence_(line_ends_sentence) {}

  /// Reads one part of a byline into out.
  Part read(std::string_view part) {
    // Reading times and dates hold a digit: most parts of prose have none and skip both.
    const bool digit = has_digit(part);
    if (digit && is_reading_time(part, words_)) {
      out_.reading_time = true;
      return Part::understood;
    }
    if (!digit) {
      // nothing to read as a date
    } else if (auto date = find_date(part, locale_)) {
      return dated(part, *date);
    } else if (auto unread = find_unreadable_date(part, locale_)) {
      const std::vector<std::string> prefix = bare_words(part.substr(0, unread->begin));
      if (near_keyword(prefix, words_) != DateRole::none) {
        out_.unread_date = std::string(part.substr(unread->begin, unread->end - unread->begin));
        const std::string_view suffix = text::trim(part.substr(unread->end));
        const bool understood = prefix.size() <= kMaxDatePrefixWords && tail_understood(suffix, line_ends_sentence_);
        return understood ? Part::understood : Part::date_only;
      }
    }
    const std::size_t word_count = line_shape::word_count(part);
    if (word_count <= kKeywordReach + kMaxUnreadWords) {
      if (Part p = keyword_without_date(part); p != Part::not_understood) return p;
    }
    // The labels below open a part: only its first bytes are case-folded.
    const std::string folded = text::fold_case(part.substr(0, std::min<std::size_t>(part.size(), kMaxLeadBytes)));
    for (std::string_view label : words_.author_labels) {
      const std::string lead = std::string(label);
      if (folded.rfind(lead, 0) != 0 || folded.size() <= lead.size()) continue;
      std::string_view rest = part.substr(lead.size());
      if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
      if (rest.empty() || (rest[0] != ' ' && part[lead.size()] != ':')) continue;
      return add_name(read_name(rest, words_), false) ? Part::understood : Part::not_understood;
    }
    for (std::string_view by : words_.by) {
      if (folded.rfind(std::string(by) + " ", 0) == 0) {
        return add_name(name_after_by(part, words_), false) ? Part::understood : Part::not_understood;
      }
    }
    for (std::string_view reviewed : words_.reviewed_by) {
      if (folded.rfind(std::string(reviewed) + " ", 0) == 0 && word_count <= kMaxNameWords + 3) {
        return add_name(name_after_by(part, words_), true) ? Part::understood : Part::not_understood;
      }
    }
    // A bare organization name opening with its noun beside a date ("Ekip Enfimyè Klinik
    // Kominotè a · Dènye mizajou …"; English "Surgical Services" stays a label).
    if (const std::vector<std::string> w = bare_words(part); words_.language != "en" && !w.empty() &&
                                                             is_one_of(w.front(), words_.organization_words) &&
                                                             word_count <= kMaxNameWords) {
      if (const Name org = read_name(part, words_); org.organization) {
        add_name(org, false);
        return Part::understood;
      }
    }
    if (line_shape::is_label_like(part, 4)) {
      for (const char c : part)
        if (c >= '0' && c <= '9') return Part::not_understood;
      out_.labels.emplace_back(part);
      return Part::understood;
    }
    return Part::not_understood;
  }

 private:
  /// True for what may follow a byline's date: nothing, a time (", at 08:13 (CET)."), "by Name",
  /// or a short tail that is no clause ("for the autumn clinics": at most eight words, no common
  /// verb, and the line does not end like a sentence).
  bool tail_understood(std::string_view suffix, bool line_ends_sentence) const {
    const std::vector<std::string> w = bare_words(suffix);
    if (w.empty()) return true;
    if (is_one_of(w[0], words_.fillers) && w.size() >= 2 && w.size() <= 4 &&
        w[1].find_first_of("0123456789") != std::string::npos) {
      return true;
    }
    if (!name_after_by(suffix, words_).empty()) return true;
    if (line_ends_sentence || w.size() > kMaxDateSuffixWords) return false;
    for (const std::string& word : w)
      if (is_one_of(word, words_.verbs)) return false;
    return true;
  }

  bool add_name(const Name& name, bool reviewer) {
    if (name.empty()) return false;
    if (reviewer) {
      out_.reviewers.push_back(name.text);
    } else {
      (name.organization ? out_.organizations : out_.authors).push_back(name.text);
    }
    return true;
  }

  void set_date(DateRole role, const std::string& iso) {
    std::string& field = role == DateRole::updated ? out_.updated : out_.published;
    if (field.empty()) field = iso;
  }

  /// A part holding a readable date: "Updated January 14, 2026", "Posted on 2026-01-12 by Sam Lee",
  /// a bare date; or a date closely after its keyword in words not understood (date_only).
  Part dated(std::string_view part, const DateMatch& date) {
    const std::string_view prefix = text::trim(part.substr(0, date.begin));
    const std::string_view suffix = text::trim(part.substr(date.end));
    const std::vector<std::string> words = bare_words(prefix);
    // The keyword anywhere in the prefix ("Reviewed by Dana Ortiz on …"); updated wins.
    DateRole anywhere = DateRole::none;
    for (const std::string& w : words) {
      const DateRole r = role_of(w, words_);
      if (r == DateRole::updated) anywhere = r;
      if (r == DateRole::published && anywhere == DateRole::none) anywhere = r;
    }
    const DateRole near = near_keyword(words, words_);
    const Name by = name_after_by(prefix, words_);
    const Name by_after = name_after_by(suffix, words_);
    const bool understood = line_shape::word_count(prefix) <= kMaxDatePrefixWords &&
                            (prefix.empty() || anywhere != DateRole::none || !by.empty()) &&
                            tail_understood(suffix, line_ends_sentence_);
    if (!understood) {
      if (near == DateRole::none) return Part::not_understood;
      set_date(near, date.iso);
      return Part::date_only;
    }
    const DateRole role = near != DateRole::none ? near : anywhere;
    set_date(role == DateRole::updated ? DateRole::updated : DateRole::published, date.iso);
    if (!by.empty()) {
      const bool reviewer = std::find(words.begin(), words.end(), "reviewed") != words.end() ||
                            std::find(words.begin(), words.end(), "checked") != words.end();
      add_name(by, reviewer && !by.organization);
    }
    // "… by Sam Lee" names an author; "… by the editorial team" an organization.
    add_name(by_after, false);
    return Part::understood;
  }

  /// "Updated: yesterday", "Published 2026", "Revised 02/10/26": a keyword opening a short part
  /// with no date. A lone year is the date; what follows a keyword with a colon, or holds a
  /// digit, is an unread date.
  Part keyword_without_date(std::string_view part) {
    const std::vector<std::string> raw = text::split_words(part);
    const std::vector<std::string> words = bare_words(part);
    if (raw.size() != words.size() || raw.size() > kKeywordReach + kMaxUnreadWords) return Part::not_understood;
    std::size_t k = 0;
    while (k < words.size() && k < kKeywordReach && role_of(words[k], words_) == DateRole::none) {
      if (!is_one_of(words[k], words_.fillers)) return Part::not_understood;
      ++k;
    }
    if (k >= words.size() || role_of(words[k], words_) == DateRole::none) return Part::not_understood;
    const DateRole role = role_of(words[k], words_);
    const bool colon = raw[k].back() == ':';
    std::size_t rest = k + 1;
    while (rest < words.size() && is_one_of(words[rest], words_.fillers)) ++rest;
    if (rest >= words.size() || is_one_of(words[rest], words_.by)) return Part::not_understood;
    if (rest + 1 == words.size() && words[rest].size() == 4 && std::all_of(words[rest].begin(), words[rest].end(), [](char c) {
          return c >= '0' && c <= '9';
        })) {
      if (words[rest] < "1900" || words[rest] > "2099") return Part::not_understood;
      set_date(role, words[rest]);
      return Part::understood;
    }
    bool digit = false;
    for (std::size_t i = rest; i < raw.size(); ++i)
      digit = digit || has_digit(raw[i]);
    if (!colon && !digit) return Part::not_understood;
    std::string unread;
    for (std::size_t i = rest; i < raw.size(); ++i) unread += (unread.empty() ? "" : " ") + raw[i];
    out_.unread_date = unread;
    return Part::understood;
  }

  MetadataLine& out_;
  const BylineWords& words_;
  const DateLocale& locale_;
  bool line_ends_sentence_;  // the whole line ends with . ! or ?
};

/// Reads "Source: URL", "Retrieved from "URL"" and the like; returns the URL or empty.
std::string source_line_url(std::string_view line) {
  std::size_t at = line.find("https://");
  if (at == std::string_view::npos) at = line.find("http://");
  if (at == std::string_view::npos) return {};
  std::string prefix = text::fold_case(text::trim(line.substr(0, at)));
  while (!prefix.empty() && (prefix.back() == ':' || prefix.back() == '"' || prefix.back() == ' ')) prefix.pop_back();
  if (prefix.size() >= 3 && prefix.substr(prefix.size() - 3) == "\xE2\x80\x9C") prefix.resize(prefix.size() - 3);
  while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "source", "retrieved from", "originally published at", "originally published on", "available at",
      "available from", "canonical url", "url", "web address", "read it online at"};
  bool known = false;
  for (std::string_view p : kPrefixes) known = known || prefix == p;
  if (!known) return {};
  std::string_view rest = line.substr(at);
  std::size_t end = rest.find_first_of(" \t\"<>");
  if (const std::size_t q = rest.find("\xE2\x80\x9D"); q < end) end = q;
  std::string_view url = rest.substr(0, end);
  std::string_view after = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  // Only closing quotes and a final full stop may follow the address.
  for (std::string_view allowed : {"\"", "\xE2\x80\x9D", "."}) {
    after = text::trim(after);
    if (after.substr(0, allowed.size()) == allowed) after.remove_prefix(allowed.size());
  }
  if (!text::trim(after).empty()) return {};
  while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';')) url.remove_suffix(1);
  return std::string(url);
}

bool is_copyright_line(std::string_view line) {
  const std::string_view t = text::trim(line);
  if (line_shape::word_count(t) > kMaxCopyrightWords) return false;
  if (t.substr(0, 2) == "\xC2\xA9" || t.substr(0, 3) == "(c)" || t.substr(0, 3) == "(C)" ||
      text::starts_with_nocase(t, "copyright")) {
    return parse_copyright(t).has_value() || text::fold_case(t).find("all rights reserved") != std::string::npos;
  }
  const std::string folded = text::fold_case(t);
  if (folded.find("all rights reserved") != std::string::npos) return true;
  // Licence lines: "Text is available under the Creative Commons … License", "Licensed under CC BY 4.0".
  const bool licence = contains_any(folded, {"licen", "creative commons", "public domain"});
  return licence && (contains_any(folded, {"available under", "licensed under", "released under", "published under"}) ||
                     folded.rfind("licen", 0) == 0);
}

}  // namespace

MetadataLine classify_metadata_line(std::string_view line, std::string_view language) {
  MetadataLine out;
  line = text::trim(line);
  if (line.empty() || line.size() > kMaxLineBytes) return out;
  // Longer than a copyright line may be, and so than a byline or a source line (a few words
  // and one address): most paragraphs stop here.
  if (line_shape::word_count(line) > kMaxCopyrightWords) return out;
  if (is_copyright_line(line)) {
    out.kind = MetadataLineKind::copyright;
    return out;
  }
  if (std::string url = source_line_url(line); !url.empty()) {
    out.kind = MetadataLineKind::source;
    out.source_url = std::move(url);
    return out;
  }
  if (line_shape::word_count(line) > kMaxBylineWords) return out;
  MetadataLine parsed;
  const DateLocale locale = date_locale(language.empty() ? std::string_view("en") : language);
  const char32_t end = line_shape::final_mark(line);
  PartReader reader(parsed, byline_words(language), locale, end == '.' || end == '!' || end == '?');
  bool all = true;
  bool date_only = false;
  for (std::string_view part : byline_parts(line)) {
    const Part p = reader.read(part);
    all = all && p == Part::understood;
    date_only = date_only || p == Part::date_only;
  }
  if (all && (parsed.dated() || !parsed.authors.empty() || !parsed.organizations.empty() ||
              !parsed.reviewers.empty() || !parsed.unread_date.empty())) {
    parsed.kind = MetadataLineKind::byline;
    return parsed;
  }
  if (!all && date_only) {
    // Only the dates are kept: the other parts were not understood.
    MetadataLine dateline;
    dateline.kind = MetadataLineKind::dateline;
    dateline.published = parsed.published;
    dateline.updated = parsed.updated;
    dateline.unread_date = parsed.unread_date;
    return dateline;
  }
  return out;
}

std::string unread_date_message(const MetadataLine& parsed, std::string_view line) {
  return "date \"" + parsed.unread_date + "\" in \"" + std::string(text::trim(line)) +
         "\" could not be read; the line is kept as text";
}

}  // namespace handout
