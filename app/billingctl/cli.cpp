#include "cli.h"

#include "storage/database.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};
} // namespace

const std::vector<Cli::Command> &Cli::registry()
{
    static const std::vector<Command> commands = [] {
        std::vector<Command> c;
        addAccountCommands(c);
        addEngineCommands(c);
        addBillCommands(c);
        addAnalysisCommands(c);
        addExportCommands(c);
        addBudgetCommands(c);
        addMemberCommands(c);
        return c;
    }();
    return commands;
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
    QString line = e.message;
    line.replace(u'\n', u' ');
    m_err << "billingctl: " << line << Qt::endl;
    return exitCode(e.code);
}

void Cli::printJson(const QJsonObject &o)
{
    m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
    m_out.flush();
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
            Tr::tr("--as cannot be used with a PostgreSQL database: the database user is who acts"));
    auto engine = Engine::open(m_dbPath, *m_clock);
    if (engine && !m_as.isEmpty())
        (*engine)->setActor(m_as);
    return engine;
}

int Cli::run(const QStringList &arguments)
{
    int i = 0;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--json")) {
            m_json = true;
        } else if (a == QLatin1String("--db") || a == QLatin1String("--now") || a == QLatin1String("--as")) {
            if (i + 1 >= arguments.size())
                return fail(Error::badUsage(Tr::tr("%1 needs a value").arg(a)));
            const QString v = arguments[++i];
            if (a == QLatin1String("--db")) {
                m_dbPath = v;
            } else if (a == QLatin1String("--as")) {
                if (v.isEmpty())
                    return fail(Error::badUsage(Tr::tr("--as needs a user name")));
                m_as = v;
            } else {
                auto t = BillingCalendar::parseTimestamp(v);
                if (!t)
                    return fail(Error::badUsage(Tr::tr("--now: %1").arg(t.error().message)));
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
            return fail(Error::badUsage(Tr::tr("unknown option %1 (see \"billingctl help\")").arg(a)));
        } else {
            break;
        }
    }
    if (i >= arguments.size())
        return fail(Error::badUsage(Tr::tr("no command given (see \"billingctl help\")")));
    if (m_dbPath.isEmpty())
        m_dbPath = Database::defaultLocation();
    const QString name = arguments[i];
    const QStringList rest = arguments.mid(i + 1);
    if (name == QLatin1String("help")) {
        m_out << Tr::tr("usage: billingctl [--db PATH|postgresql://USER:PASSWORD@HOST:PORT/DBNAME] [--now "
                        "TIME] [--as USER] [--json] COMMAND [ARGS...]")
              << "\n\n";
        for (const Command &c : registry())
            m_out << "  " << c.synopsis << "\n";
        m_out << "\n"
              << Tr::tr(
                     "Roles: owner (everything), finance (top-ups, imports, backups; reads everything), "
                     "analyst (reads everything; tags and budgets). The acting user is the operating-system "
                     "user; --as USER overrides it for tests. An account without members is single-user.")
              << "\n";
        m_out << Tr::tr(
                     "Exit codes: 0 done, 1 refused by a business rule or a role, 2 bad usage, 3 bad data.")
              << Qt::endl;
        return 0;
    }
    for (const Command &c : registry())
        if (c.name == name)
            return c.handler(*this, rest);
    return fail(Error::badUsage(Tr::tr("unknown command \"%1\" (see \"billingctl help\")").arg(name)));
}

} // namespace billing::cli
