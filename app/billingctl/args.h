#pragma once

#include "core/result.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace billing::cli {

// Splits a command's arguments into positionals, "--name value" options and "--flag" switches,
// refusing anything it was not told about.
class Args
{
public:
    static Result<Args> parse(const QString &command, const QStringList &args,
                              const QStringList &valueOptions, const QStringList &flags, int minPositional,
                              int maxPositional);

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
