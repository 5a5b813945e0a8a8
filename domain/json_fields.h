// Helpers shared by the entity codecs: parse without exceptions, read typed fields while
// remembering the first error, write timestamps and optionals one way everywhere. Stored
// documents are read with simdjson's on-demand API (as the design asks of stored events): no
// tree is built, each field is read where it stands. They are written with Boost.JSON.
//
// Conventions of every domain JSON document:
//   - timestamps are RFC 3339 UTC strings (see time.h);
//   - an absent optional is written as null; on reading, null and absent both mean "unset";
//   - fields we do not know are ignored, so an older binary reads a newer payload;
//   - derived fields (e.g. "online", "current_load") are written for readers and ignored on
//     decode, because Evolve is their only source of truth.
#ifndef SWITCHBOARD_DOMAIN_JSON_FIELDS_H_
#define SWITCHBOARD_DOMAIN_JSON_FIELDS_H_

#include <simdjson.h>
#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "domain/result.h"
#include "domain/status.h"
#include "domain/time.h"

namespace sb::domain::json {

// One JSON object, ready to be read once by one Reader. The text is copied into a buffer of
// the object's own (simdjson reads a little past the end of its input; on the stack for the
// usual small document) and parsed with this thread's parser, or with a parser of its own
// when a document is already being read on this thread. Events and states are decoded on
// every recovery and projection step.
class ParsedObject {
 public:
  ParsedObject() = default;
  ~ParsedObject();
  ParsedObject(const ParsedObject&) = delete;
  ParsedObject& operator=(const ParsedObject&) = delete;

  // The text must hold exactly one JSON object. Errors (not an object, text after it, invalid
  // UTF-8) come back as Status::Corruption, never as an exception; a malformed value is found
  // when it is read (the Reader reports it), and values no decoder reads are skipped unchecked.
  // That is enough for what we decode: the log checks each event's JSON whole when it is
  // appended and a CRC on every record when it is read, and states are written by our own
  // encoders. Once per ParsedObject.
  Status Parse(std::string_view text);
  // After a successful Parse.
  simdjson::ondemand::object object() { return object_; }

 private:
  static constexpr size_t kInlineBytes = 2048;
  char inline_[kInlineBytes];
  std::unique_ptr<char[]> heap_;  // a larger document's copy
  std::unique_ptr<simdjson::ondemand::parser> own_parser_;
  bool borrowed_thread_parser_ = false;
  simdjson::ondemand::document document_;
  simdjson::ondemand::object object_;
};

enum class Presence { kRequired, kOptional };

// Reads fields of one object into plain members. Each read either fills `out` or, for a
// required field that is absent or mistyped (or an optional one that is mistyped), records
// an error; after the first error further reads do nothing. Optional fields that are absent
// or null leave `out` untouched, so members keep their defaults.
class Reader {
 public:
  explicit Reader(simdjson::ondemand::object object) : object_(object) {}

  void String(std::string_view key, std::string* out, Presence p = Presence::kRequired);
  void Int(std::string_view key, int64_t* out, Presence p = Presence::kRequired);
  void Int(std::string_view key, int* out, Presence p = Presence::kRequired);
  void Bool(std::string_view key, bool* out, Presence p = Presence::kRequired);
  void Time(std::string_view key, Timestamp* out, Presence p = Presence::kRequired);
  void Time(std::string_view key, std::optional<Timestamp>* out);  // always optional
  void StringSet(std::string_view key, std::set<std::string>* out,
                 Presence p = Presence::kRequired);
  // Absent or null leaves `out` as it was (e.g. nullopt: "not overridden").
  void StringSet(std::string_view key, std::optional<std::set<std::string>>* out);
  void StringList(std::string_view key, std::vector<std::string>* out,
                  Presence p = Presence::kRequired);
  void IntMap(std::string_view key, std::map<std::string, int>* out,
              Presence p = Presence::kRequired);
  // A nested JSON object kept as its serialized text (e.g. call metadata).
  void ObjectText(std::string_view key, std::string* out, Presence p = Presence::kRequired);

  // An enum stored as its string; `parse` maps the string back (nullopt = unknown value).
  template <class E>
  void Enum(std::string_view key, E* out, std::optional<E> (*parse)(std::string_view),
            Presence p = Presence::kRequired) {
    std::string text;
    if (!Lookup(key, p, &text)) return;
    if (std::optional<E> v = parse(text)) {
      *out = *v;
    } else {
      Fail(std::string(key) + ": unknown value \"" + text + "\"");
    }
  }
  template <class E>
  void Enum(std::string_view key, std::optional<E>* out,
            std::optional<E> (*parse)(std::string_view)) {
    std::string text;
    if (!Lookup(key, Presence::kOptional, &text)) return;
    if (std::optional<E> parsed = parse(text)) {
      *out = *parsed;
    } else {
      Fail(std::string(key) + ": unknown value \"" + text + "\"");
    }
  }

  // Nested documents: `key` as an object, or as an array of objects, each read with a Reader
  // of its own; the first error is recorded here prefixed with `key`. An absent or null
  // array reads as empty.
  void Object(std::string_view key, const std::function<void(Reader&)>& read_object,
              Presence p = Presence::kRequired);
  void Objects(std::string_view key, const std::function<void(Reader&)>& read_object);

  void Fail(std::string message);
  bool ok() const { return error_.empty(); }
  Status status() const;

 private:
  // The field's value; false when absent or null (and then, if required, an error) or when
  // the document is malformed there. A field is read once: a later lookup of any key makes
  // the value found before unreadable. Lookups start after the field found last, so fields
  // read in the order they were written are each found at once; a repeated key (our writers
  // never write one) reads as the first found from there.
  bool Find(std::string_view key, Presence p, simdjson::ondemand::value* out);
  // Reads a string field; false if there is nothing to assign (absent, null, or error).
  bool Lookup(std::string_view key, Presence p, std::string* out);
  // Reads an RFC 3339 instant; false if there is nothing to assign.
  bool Instant(std::string_view key, Presence p, Timestamp* out);
  // Appends an array of strings to `out`; false if there is nothing to assign.
  bool Strings(std::string_view key, Presence p, std::vector<std::string>* out);
  // Records a malformed or mistyped value of `key`.
  void FailValue(std::string_view key, simdjson::error_code error, const char* expected);

  simdjson::ondemand::object object_;
  std::string error_;
};

// Writers: the one spelling of each kind of value.
void PutTime(boost::json::object& o, std::string_view key, Timestamp t);
void PutTime(boost::json::object& o, std::string_view key, const std::optional<Timestamp>& t);
void PutOptionalString(boost::json::object& o, std::string_view key, const std::string& s);
boost::json::array ToArray(const std::set<std::string>& items);
boost::json::object ToObject(const std::map<std::string, int>& items);
// True if `text` is exactly one well-formed JSON object (checked whole, unlike a ParsedObject,
// which finds errors inside values only when it reads them).
bool IsObjectText(std::string_view text);
// `text` is serialized JSON known to be an object (validated when the command was decided);
// empty text or text that no longer parses is written as {} rather than failing.
boost::json::value ObjectFromText(const std::string& text);

// Decodes `object` as the alternative of `Variant` whose kType equals `type`, using the
// overload `void Read(json::Reader&, T*)` found by argument-dependent lookup
// (so those overloads live in namespace sb::domain, not in an unnamed namespace).
template <class Variant, size_t I = 0>
Result<Variant> DecodeAlternative(const std::string& type, simdjson::ondemand::object object) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return Status::InvalidArgument("unknown event type \"" + type + "\"");
  } else {
    using T = std::variant_alternative_t<I, Variant>;
    if (type == T::kType) {
      T value{};
      Reader reader(object);
      Read(reader, &value);
      if (!reader.ok()) return Status::Corruption(type + ": " + reader.status().message());
      return Variant(std::move(value));
    }
    return DecodeAlternative<Variant, I + 1>(type, object);
  }
}

// Parses `payload` and decodes it as the event named `type` (see DecodeAlternative).
template <class Variant>
Result<Variant> DecodeEvent(const std::string& type, const std::string& payload) {
  ParsedObject parsed;
  if (Status s = parsed.Parse(payload); !s.ok()) return s;
  return DecodeAlternative<Variant>(type, parsed.object());
}

// Serializes an event variant with the overload `void Write(const T&, boost::json::object*)`,
// found like Read.
template <class Variant>
std::string EncodeEvent(const Variant& event) {
  boost::json::object o;
  std::visit([&o](const auto& e) { Write(e, &o); }, event);
  return boost::json::serialize(o);
}

template <class Variant>
std::string TypeOf(const Variant& event) {
  return std::visit([](const auto& e) -> std::string { return std::decay_t<decltype(e)>::kType; },
                    event);
}

}  // namespace sb::domain::json

#endif  // SWITCHBOARD_DOMAIN_JSON_FIELDS_H_
