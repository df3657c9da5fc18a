#pragma once

#include "engine/notificationtext.h"

namespace billing::ui {

struct AccountDisplay;

// The sentence a notification shows (the model's wording), its facts as people read them: amounts in
// the user's locale with the currency, times in the account's time zone, APIs and regions by their
// catalog names. Titles are the model's notificationTitle().
QString notificationText(const Notification &notification, const AccountDisplay &display);

} // namespace billing::ui
