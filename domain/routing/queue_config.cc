#include "domain/routing/queue_config.h"

#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<QueueChannel> kNames[] = {
    {QueueChannel::kVoice, "voice"},
    {QueueChannel::kChat, "chat"},
};

}  // namespace

const char* ToString(QueueChannel channel) { return enum_names::NameOf(kNames, channel); }

std::optional<QueueChannel> ParseQueueChannel(std::string_view text) {
  return enum_names::Parse(kNames, text);
}

}  // namespace sb::domain
