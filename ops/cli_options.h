// Shared option parsing for the subcommands: --help, and bad arguments reported as usage errors.
#ifndef SWITCHBOARD_OPS_CLI_OPTIONS_H_
#define SWITCHBOARD_OPS_CLI_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace sb::ops {

// Parses `args` against `options` (which gets a --help added). Returns an exit code when the
// command should stop here: 0 after printing help, 2 after reporting bad arguments.
std::optional<int> ParseCommandLine(const std::string& command, const std::string& synopsis,
                                    boost::program_options::options_description& options,
                                    const std::vector<std::string>& args,
                                    boost::program_options::variables_map* values);

// The same for a command with positional arguments: `positional` maps them to options declared
// in `hidden`, which are parsed but not listed in --help (the synopsis names them).
std::optional<int> ParseCommandLine(
    const std::string& command, const std::string& synopsis,
    boost::program_options::options_description& options,
    const boost::program_options::options_description& hidden,
    const boost::program_options::positional_options_description& positional,
    const std::vector<std::string>& args, boost::program_options::variables_map* values);

}  // namespace sb::ops

#endif  // SWITCHBOARD_OPS_CLI_OPTIONS_H_
