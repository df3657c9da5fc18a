#pragma once

#include <QStringList>

#include <vector>

namespace billing::schema {

// Migration step N (1-based) brings a database from user_version N−1 to N. Steps are append-only:
// a released step is never edited, a change is a new step.
const std::vector<QStringList> &migrations();

} // namespace billing::schema
