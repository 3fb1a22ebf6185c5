#include "transforms/summary_labels.hpp"

namespace handout {

namespace {

constexpr SummaryLabels kEnglish{
    "en",
    "Summary sheet",
    "Key points",
    "Questions to ask your care team",
    "Words to know",
    "When to get help",
    "Get help now if:",
    "Call your care team if:",
    "Read more",
    "Updated",
    "Published",
    {"What is my main problem?", "What do I need to do?", "Why is it important for me to do this?"},
};

}  // namespace

const SummaryLabels& summary_labels(std::string_view /*language*/) { return kEnglish; }

}  // namespace handout
