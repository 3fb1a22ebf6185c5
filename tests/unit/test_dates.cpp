#include "text/dates.hpp"
#include "text/language_tag.hpp"

#include <catch2/catch.hpp>

using handout::find_date;
using handout::normalize_date;

TEST_CASE("normalize_date reads the spellings people write", "[dates]") {
  CHECK(normalize_date("2024-11-22") == "2024-11-22");
  CHECK(normalize_date("2024/11/22") == "2024-11-22");
  CHECK(normalize_date("2024-11-22T10:15:00Z") == "2024-11-22");
  CHECK(normalize_date("April 10, 2026") == "2026-04-10");
  CHECK(normalize_date("June 5th 2026") == "2026-06-05");
  CHECK(normalize_date("Jun. 5 2026") == "2026-06-05");
  CHECK(normalize_date("Sept 30, 2025") == "2025-09-30");
  CHECK(normalize_date("3 February 2026") == "2026-02-03");
  CHECK(normalize_date("21st of March, 2026") == "2026-03-21");
  CHECK(normalize_date("June 2026") == "2026-06");
  CHECK(normalize_date("22/11/2024") == "2024-11-22");
  CHECK(normalize_date("11/22/2024") == "2024-11-22");
  CHECK(normalize_date("3.2.2026") == "2026-02-03");
  CHECK(normalize_date("  29 February 2024 ") == "2024-02-29");
}

TEST_CASE("normalize_date refuses what is not one valid date", "[dates]") {
  CHECK_FALSE(normalize_date("03/04/2026"));  // March or April: ambiguous
  CHECK_FALSE(normalize_date("February 30, 2026"));
  CHECK_FALSE(normalize_date("29 February 2025"));
  CHECK_FALSE(normalize_date("2026-13-01"));
  CHECK_FALSE(normalize_date("May"));
  CHECK_FALSE(normalize_date("April 10, 2026 and more words"));
  CHECK_FALSE(normalize_date(""));
  CHECK_FALSE(normalize_date("4 min read"));
}

TEST_CASE("find_date locates a date inside a line", "[dates]") {
  const std::string line = "Published April 10, 2026 \xC2\xB7 4 min read \xC2\xB7 Research";
  auto m = find_date(line);
  REQUIRE(m);
  CHECK(m->iso == "2026-04-10");
  CHECK(line.substr(m->begin, m->end - m->begin) == "April 10, 2026");

  m = find_date("This page was last edited on 3 February 2026, at 08:13 (CET).");
  REQUIRE(m);
  CHECK(m->iso == "2026-02-03");

  m = find_date("Hub last updated June 5th 2026 for the spring review");
  REQUIRE(m);
  CHECK(m->iso == "2026-06-05");

  CHECK_FALSE(find_date("Take 2 tablets 3 times a day"));
  CHECK_FALSE(find_date("May you feel better"));
}

TEST_CASE("month names between dashes or slashes, and dotted ISO dates", "[dates]") {
  CHECK(normalize_date("10-Apr-2026") == "2026-04-10");
  CHECK(normalize_date("10/Apr/2026") == "2026-04-10");
  CHECK(normalize_date("Apr-10-2026") == "2026-04-10");
  CHECK(normalize_date("2026.04.10") == "2026-04-10");
  CHECK(normalize_date("Feb. 3rd, 2026") == "2026-02-03");
  CHECK(normalize_date("3rd Feb 2026") == "2026-02-03");
  CHECK_FALSE(normalize_date("10-Apr/2026"));   // mixed separators
  CHECK_FALSE(normalize_date("31-Apr-2026"));   // no such day
  auto m = find_date("Updated: Tuesday, 10-Apr-2026 at noon");
  REQUIRE(m);
  CHECK(m->iso == "2026-04-10");
}

TEST_CASE("numeric dates are read by locale; ISO and month-year everywhere", "[dates]") {
  using handout::date_locale;
  using handout::NumericOrder;
  CHECK(date_locale("en").order == NumericOrder::month_first);
  CHECK(date_locale("en-US").order == NumericOrder::month_first);
  CHECK(date_locale("EN_us").order == NumericOrder::month_first);
  CHECK(date_locale("en-Latn-US").order == NumericOrder::month_first);
  CHECK(date_locale("en-GB").order == NumericOrder::day_first);
  CHECK(date_locale("en-AU").order == NumericOrder::day_first);
  CHECK(date_locale("fr").order == NumericOrder::day_first);
  CHECK(date_locale("de-DE").order == NumericOrder::day_first);
  CHECK(date_locale("").order == NumericOrder::unknown);

  CHECK(normalize_date("02/10/2026", date_locale("en")) == "2026-02-10");
  CHECK(normalize_date("02/10/2026", date_locale("en-US")) == "2026-02-10");
  CHECK(normalize_date("02/10/2026", date_locale("en-GB")) == "2026-10-02");
  CHECK(normalize_date("02/10/2026", date_locale("fr-CA")) == "2026-10-02");
  CHECK_FALSE(normalize_date("02/10/2026"));  // no locale: still not guessed
  // A number over 12 decides whatever the locale says.
  CHECK(normalize_date("22/11/2024", date_locale("en-US")) == "2024-11-22");
  CHECK(normalize_date("11/22/2024", date_locale("en-GB")) == "2024-11-22");
  // ISO and dots do not depend on the locale.
  CHECK(normalize_date("2026-03-02", date_locale("en-US")) == "2026-03-02");
  CHECK(normalize_date("3.2.2026", date_locale("en-US")) == "2026-02-03");
  // Month and year.
  CHECK(normalize_date("11/2025") == "2025-11");
  CHECK(normalize_date("2026-03") == "2026-03");
  CHECK(normalize_date("November 2025", date_locale("en-GB")) == "2025-11");
  CHECK_FALSE(normalize_date("13/2025"));
  CHECK_FALSE(normalize_date("2025-2026"));
  CHECK_FALSE(find_date("Take 1/2 tablet twice a day", date_locale("en")));
  CHECK_FALSE(find_date("Blood pressure 120/80 at rest", date_locale("en")));
}

TEST_CASE("what looks like a date but cannot be read is found as such", "[dates]") {
  using handout::date_locale;
  using handout::find_unreadable_date;
  const std::string line = "Updated 13/13/2026 by the clinic";
  auto bad = find_unreadable_date(line, date_locale("en"));
  REQUIRE(bad);
  CHECK(bad->iso.empty());
  CHECK(line.substr(bad->begin, bad->end - bad->begin) == "13/13/2026");
  CHECK(find_unreadable_date("Published February 30, 2026"));
  CHECK(find_unreadable_date("Reviewed 2026-14-02"));
  CHECK(find_unreadable_date("Revised 00/2025"));
  CHECK(find_unreadable_date("Updated 03/04/2026"));  // no locale: March or April
  CHECK_FALSE(find_unreadable_date("Updated 03/04/2026", date_locale("en-GB")));
  CHECK_FALSE(find_unreadable_date("Updated June 5th 2026"));
  CHECK_FALSE(find_unreadable_date("Take 2 tablets 3 times a day"));
  // A valid date after an unreadable one is still found.
  auto m = find_date("13/13/2026 then 2026-01-05");
  REQUIRE(m);
  CHECK(m->iso == "2026-01-05");
}

TEST_CASE("month names are data per language, compared case-folded", "[dates]") {
  using handout::date_locale;
  using handout::date_words;
  REQUIRE(date_words("en-GB") != nullptr);
  CHECK(date_words("en-GB")->language == "en");
  CHECK(date_words("xx") == nullptr);
  CHECK(date_locale("xx").words == nullptr);  // read with English words
  CHECK(normalize_date("JUNE 5TH 2026") == "2026-06-05");
  CHECK(normalize_date("5 SEPT 2026", date_locale("en-GB")) == "2026-09-05");
  // Letters of other scripts are words, not punctuation: no month is read out of them.
  CHECK_FALSE(find_date("\xC3\xA9june 5 2026x"));
  CHECK(find_date("\xC3\xA9t\xC3\xA9: June 5, 2026")->iso == "2026-06-05");
}

TEST_CASE("language tags give the primary language and the region", "[dates]") {
  namespace tag = handout::language_tag;
  CHECK(tag::primary("en-US") == "en");
  CHECK(tag::primary(" EN_gb ") == "en");
  CHECK(tag::primary("") == "");
  CHECK(tag::region("en-US") == "us");
  CHECK(tag::region("en-Latn-US") == "us");
  CHECK(tag::region("es-419") == "419");
  CHECK(tag::region("de-1996") == "");
  CHECK(tag::region("en") == "");
}
