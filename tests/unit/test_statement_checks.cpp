// Statement checks: what reads on its own as a point on a summary sheet, and how a long point
// is made short.
#include "transforms/statement_checks.hpp"

#include <catch2/catch.hpp>

using namespace handout;

TEST_CASE("lead-ins, questions and back-references do not read on their own", "[statements]") {
  CHECK(is_lead_in("Call your surgeon's office if you have:"));
  CHECK(is_lead_in("Common ones include: "));
  CHECK_FALSE(is_lead_in("Ice helps: twenty minutes at a time."));
  CHECK(is_question("Is it safe? Most people say yes."));
  CHECK_FALSE(is_question("Ask whether it is safe."));
  CHECK(opens_with_reference("This is arguably the most common cause."));
  CHECK(opens_with_reference("These help most people."));
  CHECK(opens_with_reference("It works within minutes."));
  CHECK(opens_with_reference("However, some people need more."));
  CHECK(opens_with_reference("After that, gentle warmth is fine."));
  CHECK(opens_with_reference("Take them at the same time each day."));
  CHECK_FALSE(opens_with_reference("It is important to keep taking your medicine."));
  CHECK_FALSE(opens_with_reference("It's best to rest for two days."));
  CHECK_FALSE(opens_with_reference("Salt raises blood pressure."));
  CHECK(ends_clause_with_reference("Most people need a few weeks to get used to it."));
  CHECK(ends_clause_with_reference("You might go weeks without any, then have a flare-up."));
  CHECK_FALSE(ends_clause_with_reference("Spread it through the day."));
  CHECK_FALSE(ends_clause_with_reference("Items of clothing can spread lice."));
  CHECK_FALSE(ends_clause_with_reference("Keep the wound clean and dry until your surgeon checks it."));
  CHECK_FALSE(ends_clause_with_reference("Put your pills in a box and lock them."));
  CHECK(ends_clause_with_reference("Ask the nurse to show you how to use them."));
}

TEST_CASE("furniture, calls to action, disclaimers and bylines are recognised", "[statements]") {
  CHECK(is_call_to_action("Sign up for our newsletter to get tips."));
  CHECK(is_call_to_action("Visit the clinic page to book."));
  CHECK(is_call_to_action("More at https://example.org/page today."));
  CHECK_FALSE(is_call_to_action("Call 911 if you cannot breathe."));
  // Going to care is an instruction, not a link to another page.
  CHECK_FALSE(is_call_to_action("See a doctor if a rash appears after a tick bite."));
  CHECK_FALSE(is_call_to_action("Visit urgent care when the pain is worse."));
  CHECK(is_call_to_action("See our doctors page for opening hours."));
  CHECK(is_call_to_action("See the next section."));
  CHECK(is_disclaimer("This page is sample material, not medical advice."));
  CHECK(is_disclaimer("For informational purposes only."));
  CHECK(is_byline("By Dana Ortiz, RN"));
  CHECK(is_byline("Published April 10, 2026 \xC2\xB7 4 min read"));
  CHECK_FALSE(is_byline("Byproducts of the medicine leave in urine."));
  CHECK(looks_like_heading("Tips for People Who Dislike Needles"));
  CHECK_FALSE(looks_like_heading("Tips help people who dislike needles."));
}

TEST_CASE("a complete statement reads on its own", "[statements]") {
  CHECK(reads_on_its_own("Avoid coffee after noon.", 4, true));
  CHECK_FALSE(reads_on_its_own("Avoid coffee after noon", 4, true));  // a sentence needs its end mark
  CHECK(reads_on_its_own("Rest the ankle for two days", 4, false));  // a list item does not
  CHECK_FALSE(reads_on_its_own("Rest.", 4, true));
  CHECK_FALSE(reads_on_its_own("lower case fragments are not sentences.", 4, true));
  CHECK_FALSE(reads_on_its_own("Here are some of the key strategies that cancer cells use:", 4, false));
  CHECK_FALSE(reads_on_its_own("Not all fat has the same job?", 4, false));
  CHECK_FALSE(reads_on_its_own("Keep A Healthy Weight For Life", 4, false));
}

TEST_CASE("descriptions of the page are not messages", "[statements]") {
  CHECK(describes_the_page("A plain-language guide to blood pressure medicines."));
  CHECK(describes_the_page("How to use a spacer with an inhaler"));
  CHECK(describes_the_page("This leaflet explains what to expect."));
  CHECK_FALSE(describes_the_page("A spacer helps more medicine reach your lungs."));
}

TEST_CASE("instructions and noun phrases are told apart", "[statements]") {
  CHECK(is_imperative("Move the marker to zero."));
  CHECK(is_imperative("Take the deepest breath you can."));
  CHECK_FALSE(is_imperative("Children can sit on a parent's lap."));
  CHECK_FALSE(is_imperative("You had a fever."));
  CHECK(opens_with_instruction_verb("Join cardiac rehab"));
  CHECK_FALSE(opens_with_instruction_verb("Asthma action plan"));
}

TEST_CASE("long points are cut to their first sentence, keeping a lead term", "[statements]") {
  CHECK(shorten_point("Short point. Second.", {}, 10) == "Short point. Second.");
  CHECK(shorten_point("One two three four five. Six seven eight nine ten eleven.", {}, 6) == "One two three four five.");
  CHECK(shorten_point("Less salt: most salt comes from bread. Cut down slowly over weeks.", "Less salt", 6) ==
        "Less salt: most salt comes from bread.");
  CHECK(shorten_point("Rest. Keep the leg up on a pillow. Do it for two days.", "Rest.", 5) ==
        "Rest. Keep the leg up on a pillow.");
  CHECK(first_sentence_of("No end mark here") == "No end mark here");
}

TEST_CASE("every script's full stop ends a statement, its question mark a question", "[statements]") {
  // Sample sentences: Chinese "drink more water.", Hindi "drink water.", Arabic "why?".
  CHECK(ends_a_statement("\u591A\u559D\u6C34\u3002"));
  CHECK(ends_a_statement("\u092A\u093E\u0928\u0940 \u092A\u093F\u090F\u0901\u0964"));
  CHECK(ends_a_statement("\u300C\u591A\u559D\u6C34\u3002\u300D"));  // closing corner bracket passed over
  CHECK(is_question("\u0644\u0645\u0627\u0630\u0627\u061F"));
  CHECK(is_question("\u70BA\u4EC0\u9EBC\uFF1F"));
  CHECK_FALSE(ends_a_statement("\u70BA\u4EC0\u9EBC\uFF1F"));
  CHECK(is_lead_in("\u4F8B\u5982\uFF1A"));
}

TEST_CASE("disclaimers are recognised in the catalog's languages", "[statements]") {
  CHECK(is_disclaimer("Esto no es un consejo m\u00E9dico."));
  CHECK(is_disclaimer("\u672C\u6587\u4E0D\u662F\u533B\u7597\u5EFA\u8BAE\u3002"));
  CHECK(is_disclaimer("\u042D\u0442\u043E \u043D\u0435 \u043C\u0435\u0434\u0438\u0446\u0438\u043D\u0441\u043A\u0430\u044F "
                      "\u043A\u043E\u043D\u0441\u0443\u043B\u044C\u0442\u0430\u0446\u0438\u044F."));
  CHECK_FALSE(is_disclaimer("\u591A\u559D\u6C34\u3002"));
}
