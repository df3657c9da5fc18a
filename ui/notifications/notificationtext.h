#pragma once

#include <QString>

namespace billing {
struct Notification;
}

namespace billing::ui {

struct AccountDisplay;

// The sentence a notification shows, made at display time from its kind and facts, translated;
// times in the account's time zone, APIs and regions by their catalog names.
QString notificationText(const Notification &notification, const AccountDisplay &display);
// A short title for the kind ("Arrears cleared").
QString notificationTitle(const QString &kind);

} // namespace billing::ui
