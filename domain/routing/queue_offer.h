// An open offer (TaskRouter's "reservation"): a task rung at one agent, or at several at once
// under ring_all, until one accepts, all decline, it is withdrawn, or its deadline passes.
//
// Representation of ring_all: ONE offer with several agents, not one offer per agent. The
// offer is then the single thing an accept closes, so "first accept wins, every later accept
// is offer_closed" is one check on one record, and there is no set of sibling offers to keep
// consistent. An agent of a ring_all offer who rejects (or is withdrawn) is dropped from it
// while the others keep ringing; the offer closes when nobody is left.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_QUEUE_OFFER_H_
#define SWITCHBOARD_DOMAIN_ROUTING_QUEUE_OFFER_H_

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct QueueOffer {
  std::string offer_id;
  std::string task_id;
  std::vector<std::string> agent_ids;  // offered to, best-ranked first; one unless ring_all
  std::set<std::string> dropped;       // of agent_ids: rejected or withdrawn, no longer ringing
  Timestamp offered_at = 0;
  Timestamp deadline = 0;  // open while now < deadline; at the deadline it has expired

  bool OfferedTo(const std::string& agent_id) const {
    return std::find(agent_ids.begin(), agent_ids.end(), agent_id) != agent_ids.end();
  }
  // Still ringing at this agent: offered to them and not dropped.
  bool OpenFor(const std::string& agent_id) const {
    return OfferedTo(agent_id) && dropped.count(agent_id) == 0;
  }
  // The agents still ringing, in offer order.
  std::vector<std::string> Ringing() const {
    std::vector<std::string> out;
    for (const std::string& a : agent_ids) {
      if (dropped.count(a) == 0) out.push_back(a);
    }
    return out;
  }

  auto Tie() const { return std::tie(offer_id, task_id, agent_ids, dropped, offered_at, deadline); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_QUEUE_OFFER_H_
