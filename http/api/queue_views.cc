#include "http/api/queue_views.h"

#include <boost/json.hpp>

#include "domain/routing/queue_state.h"

namespace sb::http::api {
namespace {

boost::json::array Strings(const std::set<std::string>& items) {
  boost::json::array out;
  for (const auto& s : items) out.push_back(boost::json::string(s));
  return out;
}

boost::json::object TaskView(const domain::QueueTask& t, domain::Timestamp now) {
  boost::json::object o{
      {"task_id", t.task_id},
      {"kind", domain::ToString(t.kind)},
      {"call_id", t.call_id},
      {"caller_number", t.caller_number},
      {"customer_name", t.customer_name},
      {"customer_email", t.customer_email},
      {"priority", t.priority},
      {"waiting_since", domain::FormatTimestamp(t.waiting_since)},
      {"wait_seconds", (now - t.waiting_since) / domain::kMicrosPerSecond},
      {"status", t.Offered() ? "offered" : "waiting"},
  };
  o["offer_id"] = t.Offered() ? boost::json::value(t.offer_id) : boost::json::value(nullptr);
  return o;
}

}  // namespace

boost::json::object QueueView(const actors::QueueView& queue, domain::Timestamp now) {
  const auto& s = queue.state;
  const auto& c = s.config;
  boost::json::object escalation{
      {"widen_after_seconds", c.escalation.widen_after_seconds},
      {"widen_to_skills", Strings(c.escalation.widen_to_skills)},
      {"fallback_after_seconds", c.escalation.fallback_after_seconds},
      {"fallback_queue_id", c.escalation.fallback_queue_id},
  };
  boost::json::array tasks, offers;
  int64_t waiting = 0;
  for (const auto& t : s.tasks) {
    waiting += t.Offered() ? 0 : 1;
    tasks.push_back(TaskView(t, now));
  }
  for (const auto& offer : s.offers) {
    boost::json::array ringing;
    for (const auto& a : offer.Ringing()) ringing.push_back(boost::json::string(a));
    offers.push_back(boost::json::object{{"offer_id", offer.offer_id},
                                         {"task_id", offer.task_id},
                                         {"agent_ids", std::move(ringing)},
                                         {"deadline", domain::FormatTimestamp(offer.deadline)}});
  }
  return boost::json::object{
      {"id", queue.id},
      {"name", c.name},
      {"required_skills", Strings(c.required_skills)},
      {"strategy", domain::ToString(c.strategy)},
      {"priority", c.priority},
      {"offer_timeout_seconds", c.offer_timeout_seconds},
      {"max_no_answer", c.max_no_answer},
      {"wrap_up_seconds", c.wrap_up_seconds},
      {"channel", domain::ToString(c.channel)},
      {"escalation", std::move(escalation)},
      {"waiting", waiting},
      {"in_queue", s.tasks.size()},
      {"longest_wait_seconds", domain::LongestWait(s, now) / domain::kMicrosPerSecond},
      {"tasks", std::move(tasks)},
      {"offers", std::move(offers)},
      {"agents_eligible", queue.agents_eligible},
      {"agents_available", queue.agents_available},
      {"version", queue.version},
  };
}

}  // namespace sb::http::api
