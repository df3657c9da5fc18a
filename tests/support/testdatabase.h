#pragma once

// Where a test's account lives. The plain variant of a test uses a file in a temporary folder; the
// "_pg" variant (ctest registers it with BILLING_TEST_DB_FILE, see tests/CMakeLists.txt) gets a fresh,
// empty schema in the PostgreSQL test database for every TestDatabase, dropped again afterwards.
// A PostgreSQL variant whose server cannot be reached fails; it never falls back to SQLite.
#include <QAtomicInt>
#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>

#include <cstdio>
#include <cstdlib>

namespace billing::test {

// The PostgreSQL test database's URL, or an empty string when the test runs on SQLite.
inline QString postgresTestUrl()
{
    QString url = qEnvironmentVariable("BILLING_TEST_DB");
    const QString file = qEnvironmentVariable("BILLING_TEST_DB_FILE");
    if (url.isEmpty() && !file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("BILLING_TEST_DB_FILE: cannot read %s: the PostgreSQL test server did not start "
                   "(scripts/pg-server.sh start)",
                   qPrintable(file));
        url = QString::fromUtf8(f.readAll()).trimmed();
        if (url.isEmpty())
            qFatal("BILLING_TEST_DB_FILE: %s is empty", qPrintable(file));
    }
    return url;
}

inline bool onPostgres()
{
    return !postgresTestUrl().isEmpty();
}

// Runs statements on the PostgreSQL test database as its owner and returns the first column of the
// last one's rows; aborts the test on failure.
inline QStringList postgresAdmin(const QString &url, const QStringList &statements)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("test-admin-%1").arg(counter.fetchAndAddRelaxed(1));
    QStringList rows;
    {
        const QUrl u(url);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(u.host());
        db.setPort(u.port(5432));
        db.setUserName(u.userName());
        db.setPassword(u.password());
        db.setDatabaseName(u.path().mid(1));
        if (!db.open())
            qFatal("cannot connect to the PostgreSQL test database %s: %s", qPrintable(url),
                   qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SET client_min_messages = warning")))
            qFatal("cannot talk to the PostgreSQL test database: %s", qPrintable(q.lastError().text()));
        for (const QString &sql : statements)
            if (!q.exec(sql))
                qFatal("%s failed: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        while (q.next())
            rows << q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}
inline QStringList postgresAdmin(const QString &url, const QString &sql)
{
    return postgresAdmin(url, QStringList{sql});
}

// The URL of an account in `schema` of the test database.
inline QString postgresSchemaUrl(const QString &base, const QString &schema)
{
    QUrl u(base);
    QUrlQuery query(u);
    query.addQueryItem(QStringLiteral("schema"), schema);
    u.setQuery(query);
    return u.toString(QUrl::FullyEncoded);
}

class TestDatabase
{
public:
    explicit TestDatabase(const QString &fileName = QStringLiteral("account.sqlite"))
        : m_base(postgresTestUrl())
    {
        if (m_base.isEmpty()) {
            m_location = m_dir.filePath(fileName);
            return;
        }
        static QAtomicInt counter;
        m_schema = QStringLiteral("t_%1_%2")
                       .arg(QCoreApplication::applicationPid())
                       .arg(counter.fetchAndAddRelaxed(1));
        postgresAdmin(m_base,
                      QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE; CREATE SCHEMA %1").arg(m_schema));
        m_location = postgresSchemaUrl(m_base, m_schema);
    }
    ~TestDatabase()
    {
        if (!m_schema.isEmpty() && !qEnvironmentVariableIsSet("BILLING_TEST_KEEP"))
            postgresAdmin(m_base, QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema));
    }
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // A file path or a postgresql:// URL, as given to --db.
    const QString &location() const { return m_location; }
    bool isPostgres() const { return !m_schema.isEmpty(); }
    const QString &schema() const { return m_schema; }
    // Everything stored in the account's schema, as text: equal before and after a command that must
    // change nothing. (On SQLite the test compares the file's bytes instead.)
    QByteArray postgresContent() const
    {
        const QStringList tables = postgresAdmin(
            m_base,
            QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = '%1' "
                           "ORDER BY table_name")
                .arg(m_schema));
        QStringList parts;
        for (const QString &t : tables)
            parts
                << QStringLiteral(
                       "SELECT '%2' || E'\\n' || coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') "
                       "FROM %1.%2 r")
                       .arg(m_schema, t);
        if (parts.isEmpty())
            return {};
        return postgresAdmin(m_base, parts.join(QStringLiteral(" UNION ALL "))).join(u'\n').toUtf8();
    }
    // Runs one statement on the account behind the engine's back (to tamper with it, say).
    bool exec(const QString &sql) const
    {
        if (isPostgres()) {
            postgresAdmin(m_base, {QStringLiteral("SET search_path = %1").arg(m_schema), sql});
            return true;
        }
        bool ok = false;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test-exec"));
            db.setDatabaseName(m_location);
            ok = db.open() && QSqlQuery(db).exec(sql);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test-exec"));
        return ok;
    }
    // A folder for the test's other files (exports, backups, call records).
    QString dirPath() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QString m_base;
    QString m_schema;
    QString m_location;
};

} // namespace billing::test
