// Which entity a message is for: the stream `<tenant>/<kind>/<id>` it owns.
#ifndef SWITCHBOARD_ACTORS_ENTITY_KEY_H_
#define SWITCHBOARD_ACTORS_ENTITY_KEY_H_

#include <string>
#include <string_view>

#include "domain/status.h"

namespace sb::actors {

struct EntityKey {
  std::string tenant;
  std::string id;
};

// Tenant and entity ids: 1..128 characters of [A-Za-z0-9._:@+-]. Anything else (notably '/',
// which separates the stream name's parts) is InvalidArgument naming `what`.
Status ValidateId(std::string_view id, std::string_view what);

inline std::string StreamName(const EntityKey& key, std::string_view kind) {
  std::string name;
  name.reserve(key.tenant.size() + kind.size() + key.id.size() + 2);
  name.append(key.tenant).append("/").append(kind).append("/").append(key.id);
  return name;
}

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ENTITY_KEY_H_
