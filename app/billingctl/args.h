#pragma once

#include "core/result.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace billing::cli {

// One option of a command, as the command table declares it.
struct Option
{
    QString name;          // without the leading "--"
    QString value;         // the value's placeholder in help; empty for a switch ("--flag")
    bool required = false; // help shows it without brackets; the command checks it, in its own words
};

// Splits a command's arguments into positionals, "--name value" options and "--flag" switches,
// refusing anything it was not told about. Hand-written rather than QCommandLineParser: the contract's
// parsing is its own (a lone "-" and "-5" are positionals, an option given twice and "--flag=x" are
// errors, and every message names the command).
class Args
{
public:
    static Result<Args> parse(const QString &command, const QStringList &args, const QList<Option> &options,
                              int minPositional, int maxPositional);

    const QStringList &positional() const { return m_positional; }
    QString at(int i) const { return m_positional.value(i); }
    bool has(const QString &name) const { return m_values.contains(name) || m_flags.contains(name); }
    QString value(const QString &name) const { return m_values.value(name); }

private:
    QStringList m_positional;
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
};

} // namespace billing::cli
