#include "domain/routing/queue_task.h"

#include "domain/routing/enum_names.h"

namespace sb::domain {
namespace {

constexpr enum_names::Entry<TaskKind> kNames[] = {
    {TaskKind::kCall, "call"},
    {TaskKind::kCallback, "callback"},
    {TaskKind::kChat, "chat"},
};

}  // namespace

const char* ToString(TaskKind kind) { return enum_names::NameOf(kNames, kind); }

std::optional<TaskKind> ParseTaskKind(std::string_view text) {
  return enum_names::Parse(kNames, text);
}

bool RoutesBefore(const QueueTask& a, const QueueTask& b) {
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.waiting_since != b.waiting_since) return a.waiting_since < b.waiting_since;
  return a.sequence < b.sequence;
}

RoutingKey RoutingKeyOf(const QueueTask& task) {
  return {-task.priority, task.waiting_since, task.sequence};
}

const std::set<std::string>& RequiredSkillsOf(const QueueConfig& config, const QueueTask& task) {
  return task.required_skills ? *task.required_skills : config.required_skills;
}

}  // namespace sb::domain
