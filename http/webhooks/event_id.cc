#include "http/webhooks/event_id.h"

#include "http/webhooks/digest.h"

namespace sb::webhooks {

EventIdBytes WebhookEventId(std::string_view tenant, std::string_view provider,
                            std::string_view dedup_key) {
  std::string name = "sb-webhook-v1\n";
  name.append(tenant);
  name.push_back('\n');
  name.append(provider);
  name.push_back('\n');
  name.append(dedup_key);
  const std::string digest = internal::Sha256(name);
  EventIdBytes out{};
  for (size_t i = 0; i < out.size() && i < digest.size(); ++i) {
    out[i] = static_cast<uint8_t>(digest[i]);
  }
  out[6] = static_cast<uint8_t>((out[6] & 0x0F) | 0x80);  // version 8
  out[8] = static_cast<uint8_t>((out[8] & 0x3F) | 0x80);  // variant 10
  return out;
}

std::string FormatUuid(const EventIdBytes& bytes) {
  const std::string hex =
      internal::HexEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace sb::webhooks
