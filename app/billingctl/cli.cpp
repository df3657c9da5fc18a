#include "cli.h"
#include "tr.h"

#include "core/shown.h"
#include "storage/database.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace billing::cli {

QString Command::synopsis() const
{
    QStringList words{name};
    words << arguments;
    for (const Option &o : options) {
        const QString option = o.value.isEmpty() ? QStringLiteral("--") + o.name
                                                 : QStringLiteral("--%1 %2").arg(o.name, o.value);
        words << (o.required ? option : QStringLiteral("[%1]").arg(option));
    }
    return words.join(u' ');
}

Cli::Cli(QTextStream &out, QTextStream &err)
    : m_out(out), m_err(err), m_clock(std::make_unique<SystemClock>())
{
}

int Cli::exitCode(ErrorCode c)
{
    switch (c) {
    case ErrorCode::Refused:
        return 1;
    case ErrorCode::BadUsage:
        return 2;
    case ErrorCode::BadData:
    case ErrorCode::Internal:
        return 3;
    }
    return 3;
}

int Cli::fail(const Error &e)
{
    // Whatever the message quotes of the command line (here or in the model) is shown as core/shown.h
    // shows a value: at most 80 characters, control characters escaped; the longest arguments first.
    QString line = e.message;
    QStringList arguments = m_arguments;
    std::sort(arguments.begin(), arguments.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &a : arguments)
        if (const QString shown = shownValue(a); shown != a && !a.isEmpty())
            line.replace(a, shown);
    line.replace(u'\n', u' ');
    m_err << "billingctl: " << escapedControls(line) << Qt::endl;
    return exitCode(e.code);
}

QString Cli::dbShown() const
{
    return Database::displayLocation(m_dbPath);
}

QString Cli::user() const
{
    return m_as.isEmpty() ? Engine::defaultActor() : m_as;
}

Result<std::unique_ptr<Engine>> Cli::openEngine()
{
    // On PostgreSQL the database user is the identity and the server's grants back the roles.
    if (!m_as.isEmpty() && Database::isPostgresUrl(m_dbPath))
        return Error::badUsage(
            CliTr::tr("--as cannot be used with a PostgreSQL database: the database user is who acts"));
    auto engine = Engine::open(m_dbPath, *m_clock);
    if (engine && !m_as.isEmpty())
        (*engine)->setActor(m_as);
    return engine;
}

int Cli::run(const QStringList &arguments)
{
    if (m_arguments.isEmpty())
        m_arguments = arguments;
    int i = 0;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--json")) {
            m_json = true;
        } else if (a == QLatin1String("--db") || a == QLatin1String("--now") || a == QLatin1String("--as")) {
            if (i + 1 >= arguments.size())
                return fail(Error::badUsage(CliTr::tr("%1 needs a value").arg(a)));
            const QString v = arguments[++i];
            if (a == QLatin1String("--db")) {
                m_dbPath = v;
            } else if (a == QLatin1String("--as")) {
                if (v.isEmpty())
                    return fail(Error::badUsage(CliTr::tr("--as needs a user name")));
                m_as = v;
            } else {
                auto t = BillingCalendar::parseTimestamp(v);
                if (!t)
                    return fail(Error::badUsage(CliTr::tr("--now: %1").arg(t.error().message)));
                m_clock = std::make_unique<FixedClock>(*t);
            }
        } else if (a.startsWith(QLatin1String("--db=")) || a.startsWith(QLatin1String("--now=")) ||
                   a.startsWith(QLatin1String("--as="))) {
            QStringList expanded = arguments;
            expanded.replace(i, a.section(u'=', 0, 0));
            expanded.insert(i + 1, a.section(u'=', 1));
            return run(expanded);
        } else if (a.startsWith(QLatin1String("-")) && a != QLatin1String("-")) {
            if (a == QLatin1String("--help") || a == QLatin1String("-h"))
                return run({QStringLiteral("help")});
            if (a == QLatin1String("--version")) {
                m_out << "billingctl " << QCoreApplication::applicationVersion() << Qt::endl;
                return 0;
            }
            return fail(Error::badUsage(CliTr::tr("unknown option %1 (see \"billingctl help\")").arg(a)));
        } else {
            break;
        }
    }
    if (i >= arguments.size())
        return fail(Error::badUsage(CliTr::tr("no command given (see \"billingctl help\")")));
    if (m_dbPath.isEmpty())
        m_dbPath = Database::defaultLocation();
    const QString name = arguments[i];
    const QStringList rest = arguments.mid(i + 1);
    if (name == QLatin1String("help")) {
        printHelp();
        return 0;
    }
    // A name with a space is a subcommand's ("budget set"): it is reached through its group only.
    if (!name.contains(u' '))
        if (const Command *command = find(name)) {
            const Command *sub = rest.isEmpty() ? nullptr : find(name + u' ' + rest.first());
            return sub ? execute(*sub, rest.mid(1)) : execute(*command, rest);
        }
    return fail(Error::badUsage(CliTr::tr("unknown command \"%1\" (see \"billingctl help\")").arg(name)));
}

const Command *Cli::find(const QString &name)
{
    const auto &table = commands();
    auto it = std::find_if(table.begin(), table.end(), [&](const Command &c) { return c.name == name; });
    return it == table.end() ? nullptr : &*it;
}

QStringList Cli::subcommandSynopses(const Command &group)
{
    QStringList out;
    const QString prefix = group.name + u' ';
    for (const Command &s : commands())
        if (s.name.startsWith(prefix))
            out << s.synopsis();
    return out;
}

int Cli::execute(const Command &command, const QStringList &arguments)
{
    // A group's handler only says which subcommands it has: its arguments are not its own; unless the
    // group is a command of its own too (reconcile FILE... beside reconcile accept MONTH).
    Args args;
    if (subcommandSynopses(command).isEmpty() || !command.arguments.isEmpty()) {
        qsizetype required = 0;
        bool unbounded = false;
        for (const QString &a : command.arguments) {
            required += a.startsWith(u'[') ? 0 : 1;
            unbounded = unbounded || a.contains(QLatin1String("..."));
        }
        auto parsed = Args::parse(command.name, arguments, command.options, int(required),
                                  unbounded ? -1 : int(command.arguments.size()));
        if (!parsed)
            return fail(parsed.error());
        args = std::move(*parsed);
    }
    Call call(*this, std::move(args));
    // list() builds only the form printed below (a command that is always JSON uses jsonOnly(), not list()).
    Output::wantedForms() = m_json ? Output::Forms::Json : Output::Forms::Text;
    auto output = command.handler(call);
    Output::wantedForms() = Output::Forms::Both;
    if (!output)
        return fail(output.error());
    if (m_json || output->alwaysJson) {
        m_out << QString::fromUtf8(QJsonDocument(output->json).toJson(QJsonDocument::Indented));
    } else {
        for (const QString &line : std::as_const(output->lines))
            m_out << line << u'\n';
    }
    m_out.flush();
    return output->failure ? fail(*output->failure) : 0;
}

void Cli::printHelp()
{
    m_out << CliTr::tr("usage: billingctl [--db PATH|postgresql://USER:PASSWORD@HOST:PORT/DBNAME] [--now "
                       "TIME] [--as USER] [--json] COMMAND [ARGS...]")
          << "\n\n";
    for (const Command &c : commands()) {
        if (c.name.contains(u' '))
            continue; // shown in its group's line
        QStringList variants = subcommandSynopses(c);
        if (variants.isEmpty() || !c.arguments.isEmpty())
            variants.prepend(c.synopsis());
        m_out << "  " << variants.join(QLatin1String(" | "));
        if (!c.note.isEmpty())
            m_out << "   (" << c.note << ")";
        m_out << "\n";
    }
    m_out << "\n"
          << CliTr::tr(
                 "Roles: owner (everything), finance (top-ups, imports, backups; reads everything), "
                 "analyst (reads everything; tags and budgets). The acting user is the operating-system "
                 "user; --as USER overrides it for tests. An account without members is single-user.")
          << "\n";
    m_out << CliTr::tr("Exit codes: 0 done, 1 refused by a business rule or a role, 2 bad usage, 3 bad data.")
          << Qt::endl;
}

Output::Forms &Output::wantedForms()
{
    thread_local Forms forms = Forms::Both;
    return forms;
}

Result<qint64> Call::idAt(int i, const QString &notAnId) const
{
    bool ok = false;
    const qint64 id = at(i).toLongLong(&ok);
    if (!ok)
        return Error::badUsage(notAnId.arg(at(i)));
    return id;
}

Result<Engine *> Call::engine()
{
    if (!m_engine) {
        auto opened = m_cli.openEngine();
        if (!opened)
            return opened.error();
        m_engine = std::move(*opened);
    }
    return m_engine.get();
}

} // namespace billing::cli
