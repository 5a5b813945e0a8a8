#include "http/api/console_hub.h"

#include <algorithm>
#include <utility>

namespace sb::http::api {

namespace {
constexpr size_t kBatch = 256;

std::string TenantOf(const std::string& stream) { return stream.substr(0, stream.find('/')); }
}  // namespace

ConsoleHub::ConsoleHub(es::EventStore* store, PartiesLookup lookup,
                       std::function<void(const es::RecordedEvent&)> observe,
                       std::function<void()> on_available)
    : lookup_(std::move(lookup)), observe_(std::move(observe)) {
  const uint64_t from = store->LastPosition() + 1;
  next_ = from;
  feed_ = store->Subscribe(from, {}, std::move(on_available));
}

ConsoleHub::~ConsoleHub() { feed_->Close(); }

bool ConsoleHub::Join(const std::shared_ptr<Member>& member, const Principal& caller,
                      uint64_t next) {
  std::lock_guard<std::mutex> lock(mu_);
  if (next < next_) return false;
  Tenant& tenant = tenants_[caller.tenant];
  const Joined joined{member, next};
  switch (caller.role) {
    case Role::kAdmin:
    case Role::kSupervisor:
      tenant.staff[member.get()] = joined;
      break;
    case Role::kAgent:
      tenant.agents[member.get()] = joined;
      tenant.agent[caller.subject][member.get()] = joined;
      break;
    case Role::kCustomer:
      tenant.customer[caller.subject][member.get()] = joined;
      break;
  }
  places_[member.get()] = Place{caller.tenant, caller};
  return true;
}

void ConsoleHub::Leave(const Member* member) {
  std::lock_guard<std::mutex> lock(mu_);
  auto place = places_.find(member);
  if (place == places_.end()) return;
  auto tenant = tenants_.find(place->second.tenant);
  auto leave = [&](std::unordered_map<std::string, Group>* groups) {
    auto group = groups->find(place->second.caller.subject);
    if (group == groups->end()) return;
    group->second.erase(member);
    if (group->second.empty()) groups->erase(group);
  };
  Tenant& t = tenant->second;
  t.staff.erase(member);
  t.agents.erase(member);
  leave(&t.agent);
  leave(&t.customer);
  if (t.staff.empty() && t.agents.empty() && t.customer.empty()) tenants_.erase(tenant);
  places_.erase(place);
}

Status ConsoleHub::Drain() {
  for (;;) {
    Outbox out;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto batch = feed_->Next(kBatch);
      if (!batch.ok()) return batch.status();
      for (const auto& event : batch.value()) {
        auto tenant = tenants_.find(TenantOf(event.stream));
        if (tenant == tenants_.end()) continue;
        observe_(event);
        Route(event, tenant->first, tenant->second, &out);
      }
      next_ = feed_->next_position();
      if (batch.value().empty()) return Status::OK();
    }
    for (auto& [member, frame] : out) member->Deliver(std::move(frame));
  }
}

void ConsoleHub::Route(const es::RecordedEvent& event, const std::string& tenant_id,
                       const Tenant& tenant, Outbox* out) {
  Frame(event, tenant.staff, Principal{tenant_id, Role::kSupervisor, ""}, out);
  if (tenant.agents.empty() && tenant.customer.empty()) return;
  const Audience audience = AudienceOf(event, lookup_);
  auto frame_each = [&](const std::vector<std::string>& ids,
                        const std::unordered_map<std::string, Group>& groups, Role role) {
    for (const auto& id : ids) {
      auto group = groups.find(id);
      if (group != groups.end()) Frame(event, group->second, Principal{tenant_id, role, id}, out);
    }
  };
  if (audience.every_agent) {
    Frame(event, tenant.agents, Principal{tenant_id, Role::kAgent, ""}, out);
  } else {
    frame_each(audience.agents, tenant.agent, Role::kAgent);
  }
  frame_each(audience.customers, tenant.customer, Role::kCustomer);
}

void ConsoleHub::Frame(const es::RecordedEvent& event, const Group& group, const Principal& as,
                       Outbox* out) {
  auto wants = [&](const Joined& j) { return j.next <= event.position; };
  if (std::none_of(group.begin(), group.end(), [&](const auto& g) { return wants(g.second); })) {
    return;
  }
  const auto frames = FramesFor(as, event, lookup_);
  if (frames.empty()) return;
  for (const auto& [_, joined] : group) {
    if (!wants(joined)) continue;
    auto member = joined.member.lock();
    if (!member) continue;
    for (const auto& frame : frames) out->emplace_back(member, frame);
  }
}

}  // namespace sb::http::api
