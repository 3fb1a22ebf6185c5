#include "transforms/summary_labels.hpp"

#include "text/messages.hpp"

namespace handout {

SummaryLabels summary_labels(std::string_view language) {
  return SummaryLabels{
      message("Key points", language),
      message("Questions to ask your care team", language),
      message("When to get help", language),
      message("Get help now if:", language),
      message("Call your care team if:", language),
      {message("What is my main problem?", language), message("What do I need to do?", language),
       message("Why is it important for me to do this?", language)},
  };
}

}  // namespace handout
