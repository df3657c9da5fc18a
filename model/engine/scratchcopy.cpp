#include "engine/scratchcopy.h"

#include "engine/backup.h"
#include "engine/engine.h"
#include "engine/importer.h"
#include "storage/memberrepository.h"
#include "storage/scratchcopyrepository.h"

#include <QBuffer>
#include <QFile>

namespace billing {

Status scratchCopy(Database &account, const QString &path, const QString &actor)
{
    if (!account.isPostgres()) {
        Status st = backupDatabase(account, path, actor);
        // A member who may not take backups (an analyst) may still read the account: copy it by rows.
        if (st || st.error().code != ErrorCode::Refused || QFile::exists(path))
            return st;
    }
    auto to = Database::open(path, Database::Mode::CreateIfMissing);
    if (!to)
        return to.error();
    return ScratchCopyRepository(account, **to).copyAll();
}

Status actAsOwner(Engine &copy)
{
    auto members = MemberRepository(copy.database()).all();
    if (!members)
        return members.error();
    for (const Member &m : *members)
        if (m.role == Role::Owner) {
            copy.setActor(m.name);
            break;
        }
    return {};
}

Status importInto(Engine &copy, const QByteArray &file, const QString &name)
{
    if (file.count('\n') <= 1)
        return copy.run([](Context &) { return Status(); });
    return copy.runThenCatchUp([&](Context &ctx) -> Status {
        QBuffer buf;
        buf.setData(file);
        buf.open(QIODevice::ReadOnly);
        ImportOptions opts;
        opts.name = name;
        auto r = importCalls(ctx, buf, opts);
        return r ? Status() : Status(r.error());
    });
}

} // namespace billing
