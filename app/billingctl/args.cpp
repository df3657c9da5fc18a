#include "args.h"
#include "tr.h"

#include <QCoreApplication>

#include <algorithm>

namespace billing::cli {

Result<Args> Args::parse(const QString &command, const QStringList &args, const QList<Option> &options,
                         int minPositional, int maxPositional)
{
    auto find = [&](const QString &name) {
        return std::find_if(options.begin(), options.end(), [&](const Option &o) { return o.name == name; });
    };
    Args a;
    for (int i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg.startsWith(QLatin1String("--"))) {
            QString name = arg.mid(2);
            QString inlineValue;
            const bool hasInline = name.contains(u'=');
            if (hasInline) {
                inlineValue = name.section(u'=', 1);
                name = name.section(u'=', 0, 0);
            }
            const auto option = find(name);
            if (option != options.end() && !option->value.isEmpty()) {
                if (a.m_values.contains(name))
                    return Error::badUsage(CliTr::tr("%1: --%2 is given twice").arg(command, name));
                if (hasInline) {
                    a.m_values.insert(name, inlineValue);
                } else {
                    if (i + 1 >= args.size())
                        return Error::badUsage(CliTr::tr("%1: --%2 needs a value").arg(command, name));
                    a.m_values.insert(name, args[++i]);
                }
            } else if (option != options.end() && !hasInline) {
                a.m_flags.insert(name);
            } else {
                return Error::badUsage(CliTr::tr("%1: unknown option %2").arg(command, arg));
            }
        } else {
            a.m_positional << arg;
        }
    }
    if (a.m_positional.size() < minPositional)
        return Error::badUsage(CliTr::tr("%1: missing argument (see \"billingctl help\")").arg(command));
    if (maxPositional >= 0 && a.m_positional.size() > maxPositional)
        return Error::badUsage(
            CliTr::tr("%1: unexpected argument \"%2\"").arg(command, a.m_positional.value(maxPositional)));
    return a;
}

} // namespace billing::cli
