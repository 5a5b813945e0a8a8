// Name-based event ids for webhook events: the same event delivered twice gets the same id,
// so the event log's idempotent append (re-appending a stored id is a no-op) makes webhook
// processing exactly-once without a separate dedup table.
//
//   bytes = first 16 bytes of SHA-256("sb-webhook-v1\n" + tenant + "\n" + provider + "\n" +
//                                     dedup_key)
//   then the version nibble is set to 8 and the variant bits to 10 (RFC 9562 UUIDv8, the
//   "custom, e.g. SHA-256 name-based" version), so the value is a well-formed UUID.
//
// The tenant is part of the name because event ids are unique across the whole log: two
// tenants whose generic providers both number their events "1", "2", ... must not swallow each
// other's events. Tenant and provider names contain no '\n', so the name is unambiguous.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_EVENT_ID_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_EVENT_ID_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sb::webhooks {

// The 16 bytes in network order, as boost::uuids::uuid (es::EventId) holds them:
//   es::EventId id; std::copy(bytes.begin(), bytes.end(), id.begin());
using EventIdBytes = std::array<uint8_t, 16>;

EventIdBytes WebhookEventId(std::string_view tenant, std::string_view provider,
                            std::string_view dedup_key);

// The canonical lower-case 8-4-4-4-12 text (what es::ToString prints and es::ParseEventId
// reads).
std::string FormatUuid(const EventIdBytes& bytes);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_EVENT_ID_H_
