// Name-based UUIDs (RFC 4122 version 5, SHA-1): the same name always gives the same UUID.
#pragma once

#include <string>
#include <string_view>

namespace handout {

/// The RFC 4122 namespace for names that are URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
inline constexpr std::string_view kUrlNamespaceUuid = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

/// Returns the version-5 UUID of name in the namespace namespace_uuid, lowercase and hyphenated
/// ("xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx"); equal to Python's uuid.uuid5(namespace, name).
/// Throws std::invalid_argument when namespace_uuid is not a hyphenated UUID.
std::string name_based_uuid(std::string_view namespace_uuid, std::string_view name);

}  // namespace handout
