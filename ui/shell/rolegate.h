#pragma once

#include "auth/role.h"

#include <QString>

#include <optional>

class QWidget;

namespace billing::ui {

// Hides what the acting user's role may not do, across the whole window: every action, button or menu
// item for a forbidden operation is hidden (not merely disabled), and the inputs of forbidden settings
// become read-only. The controls are found by their object names, listed once in rolegate.cpp, so the
// pages need not know about roles; the model refuses the same operations anyway (Error::refused).
namespace rolegate {

// The permission a control with this object name needs; none for controls that only read.
std::optional<Permission> permissionFor(const QString &objectName);
// `role` empty: the user is not a member, and every gated control is hidden.
void apply(QWidget *window, std::optional<Role> role);

} // namespace rolegate
} // namespace billing::ui
