#include "tests/metrics/prometheus_text.h"

#include <cstdlib>
#include <regex>
#include <sstream>

namespace sb::testing {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Parses `{a="x",b="y"}` from `*pos` (at the '{'); false when malformed.
bool ParseLabels(const std::string& line, size_t* pos, Labels* out) {
  size_t i = *pos + 1;
  for (;;) {
    if (i < line.size() && line[i] == '}') break;
    const size_t eq = line.find('=', i);
    if (eq == std::string::npos || eq + 1 >= line.size() || line[eq + 1] != '"') return false;
    std::string name = line.substr(i, eq - i);
    std::string value;
    i = eq + 2;
    for (;; ++i) {
      if (i >= line.size()) return false;
      if (line[i] == '"') break;
      if (line[i] == '\\') {
        if (++i >= line.size()) return false;
        value.push_back(line[i] == 'n' ? '\n' : line[i]);
      } else {
        value.push_back(line[i]);
      }
    }
    (*out)[name] = value;
    ++i;  // past the closing quote
    if (i < line.size() && line[i] == ',') ++i;
  }
  *pos = i + 1;
  return true;
}

}  // namespace

std::optional<double> Exposition::Value(const std::string& name, const Labels& match) const {
  std::optional<double> sum;
  for (const auto& sample : samples) {
    if (sample.name != name) continue;
    bool all = true;
    for (const auto& [key, value] : match) {
      auto it = sample.labels.find(key);
      if (it == sample.labels.end() || it->second != value) all = false;
    }
    if (all) sum = sum.value_or(0) + sample.value;
  }
  return sum;
}

std::vector<Sample> Exposition::All(const std::string& name) const {
  std::vector<Sample> out;
  for (const auto& sample : samples) {
    if (sample.name == name) out.push_back(sample);
  }
  return out;
}

Exposition ParseExposition(const std::string& text) {
  Exposition out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      std::istringstream words(line);
      std::string hash, kind, name, type;
      words >> hash >> kind >> name >> type;
      if (kind == "TYPE") out.types[name] = type;
      continue;
    }
    Sample sample;
    size_t pos = line.find_first_of("{ ");
    if (pos == std::string::npos) {
      out.unreadable.push_back(line);
      continue;
    }
    sample.name = line.substr(0, pos);
    if (line[pos] == '{' && !ParseLabels(line, &pos, &sample.labels)) {
      out.unreadable.push_back(line);
      continue;
    }
    std::istringstream rest(line.substr(pos));
    std::string value;
    rest >> value;
    char* end = nullptr;
    sample.value = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') {
      out.unreadable.push_back(line);
      continue;
    }
    out.samples.push_back(std::move(sample));
  }
  return out;
}

std::set<std::string> MetricNamesIn(const std::string& text) {
  static const std::regex kName("switchboard_[a-z_]+");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kName), end; it != end; ++it) {
    out.insert(it->str());
  }
  return out;
}

std::string FamilyOf(const std::string& name, const Exposition& exposition) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    if (!EndsWith(name, suffix)) continue;
    const std::string base = name.substr(0, name.size() - std::string(suffix).size());
    auto it = exposition.types.find(base);
    if (it != exposition.types.end() && it->second == "histogram") return base;
  }
  return name;
}

}  // namespace sb::testing
