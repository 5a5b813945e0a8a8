// The `switchboard` subcommands. Each takes the arguments after its name and returns the
// process exit code: 0 success, 1 failure of the operation, 2 bad usage.
#ifndef SWITCHBOARD_OPS_COMMANDS_H_
#define SWITCHBOARD_OPS_COMMANDS_H_

#include <string>
#include <vector>

namespace sb::ops {

int RunEvents(const std::vector<std::string>& args);
int RunVerify(const std::vector<std::string>& args);
int RunToken(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunAudit(const std::vector<std::string>& args);
int RunBackup(const std::vector<std::string>& args);
int RunRebuild(const std::vector<std::string>& args);

}  // namespace sb::ops

#endif  // SWITCHBOARD_OPS_COMMANDS_H_
