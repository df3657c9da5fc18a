#pragma once

#include "widgets/format.h"

#include <QString>

namespace billing::ui {

// How the Cost Center names dimensions and their values: catalog names for APIs and regions, words
// for billing modes, the reserved "(shared)", "(untagged)" and "(others)" in plain language.
QString dimensionName(const QString &dimension);
QString keyName(const AccountDisplay &display, const QString &dimension, const QString &key);

} // namespace billing::ui
