#include "domain/compliance/policy_settings.h"

#include "domain/ascii.h"
#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<RecordingMode> kNames[] = {
    {RecordingMode::kNever, "never"},
    {RecordingMode::kAsk, "ask"},
    {RecordingMode::kAlways, "always"},
};

}  // namespace

const char* ToString(RecordingMode mode) { return enum_names::NameOf(kNames, mode); }

std::optional<RecordingMode> ParseRecordingMode(std::string_view text) {
  for (const enum_names::Entry<RecordingMode>& entry : kNames) {
    if (EqualsIgnoreCase(text, entry.second)) return entry.first;
  }
  return std::nullopt;
}

}  // namespace sb::domain
