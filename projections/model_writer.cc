#include "projections/model_writer.h"

#include <charconv>

namespace sb::projections {
namespace {

Result<int64_t> ParseCounter(const std::string& key, std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::Corruption("read-model counter " + key + " is not a number");
  }
  return value;
}

}  // namespace

Result<std::optional<std::string>> ModelReader::Get(const std::string& key) const {
  auto value = store_->GetReadModel(prefix_ + key);
  if (value.status().IsNotFound()) return std::optional<std::string>();
  if (!value.ok()) return value.status();
  return std::optional<std::string>(std::move(value).value());
}

Status ModelReader::Scan(
    const std::string& key_prefix, const std::string& start, bool reverse,
    const std::function<bool(std::string_view, std::string_view)>& visit) const {
  const size_t strip = prefix_.size();
  return store_->ScanReadModel(prefix_ + key_prefix, start.empty() ? "" : prefix_ + start, reverse,
                               [&](std::string_view key, std::string_view value) {
                                 return visit(key.substr(strip), value);
                               });
}

Result<int64_t> ModelReader::Counter(const std::string& key) const {
  auto value = Get(key);
  if (!value.ok()) return value.status();
  if (!value.value()) return int64_t{0};
  return ParseCounter(key, **value);
}

Status ModelWriter::Add(const std::string& key, int64_t delta) {
  auto pending = counters_.find(key);
  if (pending == counters_.end()) {
    auto value = Committed(key);
    if (!value.ok()) return value.status();
    pending = counters_.emplace(key, *value).first;
  }
  pending->second += delta;
  return Status::OK();
}

Result<int64_t> ModelWriter::Committed(const std::string& key) const {
  if (known_) {
    if (auto it = known_->find(key); it != known_->end()) return it->second;
  }
  return reader().Counter(key);
}

es::ReadModelBatch& ModelWriter::Seal() {
  for (const auto& [key, value] : counters_) {
    if (known_) (*known_)[key] = value;
    if (value == 0) {
      batch_.Delete(key);
    } else {
      batch_.Put(key, std::to_string(value));
    }
  }
  return batch_;
}

}  // namespace sb::projections
