#include "ops/cli_options.h"

#include <iostream>

namespace po = boost::program_options;

namespace sb::ops {

std::optional<int> ParseCommandLine(const std::string& command, const std::string& synopsis,
                                    po::options_description& options,
                                    const std::vector<std::string>& args,
                                    po::variables_map* values) {
  return ParseCommandLine(command, synopsis, options, po::options_description(),
                          po::positional_options_description(), args, values);
}

std::optional<int> ParseCommandLine(const std::string& command, const std::string& synopsis,
                                    po::options_description& options,
                                    const po::options_description& hidden,
                                    const po::positional_options_description& positional,
                                    const std::vector<std::string>& args,
                                    po::variables_map* values) {
  options.add_options()("help,h", "show this help");
  po::options_description all;
  all.add(options).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), *values);
    if (values->count("help")) {
      std::cout << "usage: switchboard " << command << " " << synopsis << "\n\n" << options;
      return 0;
    }
    po::notify(*values);
  } catch (const po::error& e) {
    std::cerr << "switchboard " << command << ": " << e.what() << "\n"
              << "usage: switchboard " << command << " " << synopsis << "\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace sb::ops
