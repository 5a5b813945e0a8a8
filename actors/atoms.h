// The atoms of switchboard's actor messages (CAF 0.17: at most 10 characters each).
#ifndef SWITCHBOARD_ACTORS_ATOMS_H_
#define SWITCHBOARD_ACTORS_ATOMS_H_

#include <caf/atom.hpp>

namespace sb::actors {

using recovered_atom = caf::atom_constant<caf::atom("recovered")>;  // the log was read back
using appended_atom = caf::atom_constant<caf::atom("appended")>;    // an append is durable
using deadline_atom = caf::atom_constant<caf::atom("deadline")>;    // an armed timer fired
using idle_atom = caf::atom_constant<caf::atom("idle")>;            // passivation check
using snapshot_atom = caf::atom_constant<caf::atom("snapshot")>;    // a snapshot was written
using wake_atom = caf::atom_constant<caf::atom("wake")>;            // spawn an entity now
using count_atom = caf::atom_constant<caf::atom("count")>;          // how many live entities
using stop_atom = caf::atom_constant<caf::atom("stop")>;            // orderly shutdown
using passivate_atom = caf::atom_constant<caf::atom("passivate")>;  // idle entity may go
using resume_atom = caf::atom_constant<caf::atom("resume")>;        // entity is busy again, keep it

}  // namespace sb::actors

#endif  // SWITCHBOARD_ACTORS_ATOMS_H_
