#pragma once

#include <QList>
#include <QLocale>
#include <QString>

namespace billing {

// The programs are written in English; these are the other languages they are translated into
// (translations/billing_<locale>.ts, compiled into the programs as :/i18n/billing_<locale>.qm).
QList<QLocale> translatedLocales();

// Switches the process to `locale`: installs the programs' own translation and Qt's (standard buttons
// and dialogs, from the system's Qt translations) and makes `locale` the default QLocale, so money,
// numbers and dates follow it. Earlier translations installed here are removed first. Returns false
// when the programs have no translation for the locale's language: texts stay English then, while
// numbers still follow the locale. Call it before the first widget is built.
bool applyLocale(const QLocale &locale);

} // namespace billing
