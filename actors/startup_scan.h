// StartupScan: what a restarted server must resume, folded from the whole log before it
// reports ready.
//
//   - entities with a pending deadline (ring timeout, reconnect grace, wrap-up): woken so their
//     timers are armed again and fire at the recorded instant (or at once if it has passed);
//   - holds taken by a click-to-call saga (an agent reserved, a customer's line granted) whose
//     call may never have been created, or ended without the release landing;
//   - customer-console connections that were open when the process died: they are gone.
//
// It reads event types and, for the few that carry a deadline or an id it needs, the payload.
#ifndef SWITCHBOARD_ACTORS_STARTUP_SCAN_H_
#define SWITCHBOARD_ACTORS_STARTUP_SCAN_H_

#include <map>
#include <set>
#include <string>

#include "eventstore/event.h"

namespace sb::actors {

struct StreamParts {
  std::string tenant;
  std::string kind;
  std::string id;
};
// Splits "<tenant>/<kind>/<id>"; false if the name has another shape.
bool SplitStreamName(const std::string& stream, StreamParts* out);

class StartupScan {
 public:
  void Observe(const es::RecordedEvent& event);

  // Streams whose entity has a deadline pending.
  const std::set<std::string>& pending_deadlines() const { return deadlines_; }
  // Agent stream -> the call it is reserved for.
  const std::map<std::string, std::string>& agent_holds() const { return agent_holds_; }
  // Customer stream -> the call holding its line.
  const std::map<std::string, std::string>& line_holds() const { return line_holds_; }
  // Customer stream -> console connections still open in the log.
  const std::map<std::string, std::set<std::string>>& open_connections() const {
    return connections_;
  }
  uint64_t events() const { return events_; }

 private:
  void ObserveAgent(const es::RecordedEvent& event);
  void ObserveCustomer(const es::RecordedEvent& event);
  void ObserveCall(const es::RecordedEvent& event);

  std::set<std::string> deadlines_;
  std::map<std::string, std::string> agent_holds_;
  std::map<std::string, std::string> line_holds_;
  std::map<std::string, std::set<std::string>> connections_;
  uint64_t events_ = 0;
};

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_STARTUP_SCAN_H_
