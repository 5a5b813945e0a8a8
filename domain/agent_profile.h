// What an agent is (as opposed to what it is doing): shared by commands, events and state.
#ifndef SWITCHBOARD_DOMAIN_AGENT_PROFILE_H_
#define SWITCHBOARD_DOMAIN_AGENT_PROFILE_H_

#include <map>
#include <string>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

inline constexpr int kMinSkillLevel = 1;
inline constexpr int kMaxSkillLevel = 10;

struct AgentProfile {
  std::string name;        // required
  std::string email;       // optional, plausible if present
  std::string extension;   // softphone/PBX extension, free form (Asterisk allows letters)
  std::string avatar_url;  // shown on the agent card in the customer console
  std::map<std::string, int> skills;  // skill name -> level in [kMinSkillLevel, kMaxSkillLevel]
  int max_concurrent_chats = 1;       // >= 1; lowering it below the current load is allowed

  auto Tie() const {
    return std::tie(name, email, extension, avatar_url, skills, max_concurrent_chats);
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_AGENT_PROFILE_H_
