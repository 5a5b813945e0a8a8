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

Result<std::optional<std::string>> ModelWriter::Get(const std::string& key) const {
  auto it = batch_.writes.find(reader_.prefix() + key);
  if (it != batch_.writes.end()) return it->second;
  return reader_.Get(key);
}

void ModelWriter::Put(const std::string& key, std::string value) {
  batch_.writes[reader_.prefix() + key] = std::move(value);
}

void ModelWriter::Delete(const std::string& key) { batch_.writes[reader_.prefix() + key].reset(); }

Status ModelWriter::Add(const std::string& key, int64_t delta) {
  auto current = Get(key);
  if (!current.ok()) return current.status();
  int64_t value = 0;
  if (current.value()) {
    auto parsed = ParseCounter(key, **current);
    if (!parsed.ok()) return parsed.status();
    value = *parsed;
  }
  value += delta;
  if (value == 0) {
    Delete(key);
  } else {
    Put(key, std::to_string(value));
  }
  return Status::OK();
}

}  // namespace sb::projections
