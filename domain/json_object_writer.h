// ObjectWriter: writes one JSON object straight into a string, for the documents written most
// often (entity states in read models, activity entries). Building a boost::json::object first
// hashes every key and allocates every value, which dominated read-model rebuilds; this only
// appends. Strings are escaped by Boost.JSON's serializer. The output follows the conventions of
// json_fields.h (RFC 3339 timestamps, null for an absent optional) and parses back with the same
// Reader. Each key is written once, by the caller, and is one of our own field names (letters,
// digits and '_'), written as it is.
#ifndef SWITCHBOARD_DOMAIN_JSON_OBJECT_WRITER_H_
#define SWITCHBOARD_DOMAIN_JSON_OBJECT_WRITER_H_

#include <boost/json/serializer.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace sb::domain::json {

class ObjectWriter {
 public:
  // `capacity`: the usual size of the document, so that it is allocated once.
  explicit ObjectWriter(size_t capacity = 512) {
    out_.reserve(capacity);
    out_.push_back('{');
  }

  ObjectWriter& Bool(std::string_view key, bool value);
  ObjectWriter& Int(std::string_view key, int64_t value);
  ObjectWriter& String(std::string_view key, std::string_view value);
  ObjectWriter& Null(std::string_view key);
  // null when empty, as json::PutOptionalString.
  ObjectWriter& OptionalString(std::string_view key, const std::string& value);
  ObjectWriter& Time(std::string_view key, Timestamp value);
  ObjectWriter& Time(std::string_view key, const std::optional<Timestamp>& value);
  // `json` must be one serialized JSON value (e.g. a nested object kept as text).
  ObjectWriter& Raw(std::string_view key, std::string_view json);

  // Closes the object and hands over the text.
  std::string Finish() &&;

 private:
  void Key(std::string_view key);
  void Quoted(std::string_view text);

  std::string out_;
  boost::json::serializer escaper_;  // writes each quoted string
};

}  // namespace sb::domain::json

#endif  // SWITCHBOARD_DOMAIN_JSON_OBJECT_WRITER_H_
