// ConsoleHub: the live part of every console feed, shared. One subscription to the log; each
// event is framed once for each audience that has a console connected (the tenant's staff,
// every agent, or the agents and customers it names: console_frames.h) and handed to those
// consoles only. Per-connection subscriptions made every event cost as many decodes and
// wake-ups as there were consoles: with 5,000 agents online, a thousand calls a second could
// not be offered in time.
//
// A console first catches up on its own subscription (from ?since=), then joins the hub at the
// position it reached; the hub hands it nothing before that position, so nothing is framed
// twice and nothing is skipped.
#ifndef SWITCHBOARD_HTTP_API_CONSOLE_HUB_H_
#define SWITCHBOARD_HTTP_API_CONSOLE_HUB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/status.h"
#include "eventstore/event_store.h"
#include "http/api/console_frames.h"
#include "http/auth.h"

namespace sb::http::api {

class ConsoleHub {
 public:
  // A joined console.
  class Member {
   public:
    virtual ~Member() = default;
    // One frame for this console. Called outside the hub's lock; must not block.
    virtual void Deliver(std::string frame) = 0;
  };

  // Follows `store` from its end. `observe` sees every event of a tenant with a console
  // joined, before it is framed (the feed keeps its call-parties cache with it);
  // `on_available` as EventStore::Subscribe's. `store` must outlive the hub.
  ConsoleHub(es::EventStore* store, PartiesLookup lookup,
             std::function<void(const es::RecordedEvent&)> observe,
             std::function<void()> on_available);
  ~ConsoleHub();
  ConsoleHub(const ConsoleHub&) = delete;
  ConsoleHub& operator=(const ConsoleHub&) = delete;

  // Joins `member`, which gets the frames `caller` is entitled to of every event from position
  // `next` on. False, joining nothing, when the hub has already framed events from `next` on:
  // the member must read on by itself and try again. Blocks while Drain runs.
  bool Join(const std::shared_ptr<Member>& member, const Principal& caller, uint64_t next);
  // Idempotent. Blocks while Drain runs.
  void Leave(const Member* member);

  // Frames and delivers what the log has made durable since the last call. One caller at a
  // time; may block (it reads the log). Unavailable once the store is closed.
  Status Drain();

 private:
  struct Joined {
    std::weak_ptr<Member> member;
    uint64_t next = 0;  // the first position it gets
  };
  using Group = std::unordered_map<const Member*, Joined>;
  struct Tenant {
    Group staff;
    Group agents;  // every agent's console
    std::unordered_map<std::string, Group> agent;
    std::unordered_map<std::string, Group> customer;
  };
  struct Place {
    std::string tenant;
    Principal caller;
  };
  using Outbox = std::vector<std::pair<std::shared_ptr<Member>, std::string>>;

  void Route(const es::RecordedEvent& event, const std::string& tenant_id, const Tenant& tenant,
             Outbox* out);
  void Frame(const es::RecordedEvent& event, const Group& group, const Principal& as, Outbox* out);

  const PartiesLookup lookup_;
  const std::function<void(const es::RecordedEvent&)> observe_;
  std::shared_ptr<es::Subscription> feed_;

  std::mutex mu_;      // below: Join and Leave against Drain
  uint64_t next_ = 0;  // the first position Drain has not framed
  std::unordered_map<std::string, Tenant> tenants_;
  std::unordered_map<const Member*, Place> places_;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_CONSOLE_HUB_H_
