#include "text/dates.hpp"

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
