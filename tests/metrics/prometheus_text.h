// Reading what /metrics answers, for assertions: the samples and the declared families of a
// Prometheus text exposition (0.0.4). Validity itself is promtool's call (promtool.h); this
// reader only needs to be right about well-formed text, and records lines it cannot read.
#ifndef SWITCHBOARD_TESTS_METRICS_PROMETHEUS_TEXT_H_
#define SWITCHBOARD_TESTS_METRICS_PROMETHEUS_TEXT_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sb::testing {

using Labels = std::map<std::string, std::string>;

struct Sample {
  std::string name;  // as written, e.g. "switchboard_append_seconds_bucket"
  Labels labels;
  double value = 0;
};

struct Exposition {
  std::vector<Sample> samples;
  std::map<std::string, std::string> types;  // family name -> "counter", "gauge", "histogram"...
  std::vector<std::string> unreadable;       // lines the reader could not parse

  // The sum of the samples named `name` whose labels include every pair of `match`; nullopt
  // when there is none.
  std::optional<double> Value(const std::string& name, const Labels& match = {}) const;
  // The samples named `name` (any labels).
  std::vector<Sample> All(const std::string& name) const;
};

Exposition ParseExposition(const std::string& text);

// Every distinct `switchboard_[a-z_]+` name in `text` (a PromQL expression, a rules file).
std::set<std::string> MetricNamesIn(const std::string& text);

// `name` as a family: a histogram's _bucket/_sum/_count series map to the histogram.
std::string FamilyOf(const std::string& name, const Exposition& exposition);

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_METRICS_PROMETHEUS_TEXT_H_
