#include "costcenter/undocommands.h"
#include "costcenter/tr.h"

#include "analysis/analysissettings.h"
#include "costcenter/savedviewstore.h"
#include "engine/engine.h"

#include <QAction>
#include <QCoreApplication>
#include <QUndoStack>
#include <QWidget>

namespace billing::ui {

void addUndoActions(QUndoStack *stack, QWidget *page)
{
    QAction *undo = stack->createUndoAction(page, CostCenterTr::tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = stack->createRedoAction(page, CostCenterTr::tr("&Redo"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &k :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(k))
            redoKeys << k;
    redo->setShortcuts(redoKeys);
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        page->addAction(a);
    }
}

SaveViewCommand::SaveViewCommand(SavedViewStore &store, const QString &name, const AnalysisView &view)
    : QUndoCommand(CostCenterTr::tr("Save view \u201c%1\u201d").arg(name)), m_store(store), m_name(name),
      m_view(view), m_before(store.view(name))
{
}

void SaveViewCommand::redo()
{
    m_store.put(m_name, m_view);
}

void SaveViewCommand::undo()
{
    if (m_before)
        m_store.put(m_name, *m_before);
    else
        m_store.remove(m_name);
}

DeleteViewCommand::DeleteViewCommand(SavedViewStore &store, const QString &name)
    : QUndoCommand(CostCenterTr::tr("Delete view \u201c%1\u201d").arg(name)), m_store(store), m_name(name),
      m_before(store.view(name))
{
}

void DeleteViewCommand::redo()
{
    m_store.remove(m_name);
}

void DeleteViewCommand::undo()
{
    if (m_before)
        m_store.put(m_name, *m_before);
}

SetTagsCommand::SetTagsCommand(Engine &engine, const QString &project, const QStringList &before,
                               const QStringList &after, CommandError onError)
    : QUndoCommand(CostCenterTr::tr("Tag project \u201c%1\u201d").arg(project)), m_engine(engine),
      m_project(project), m_before(before), m_after(after), m_onError(std::move(onError))
{
}

void SetTagsCommand::apply(const QStringList &tags)
{
    auto s = m_engine.run([&](Context &ctx) { return setProjectTags(ctx, m_project, tags); });
    if (!s) {
        setObsolete(true);
        if (m_onError)
            m_onError(s.error());
    }
}

BudgetCommand::BudgetCommand(Engine &engine, std::optional<Budget> before, std::optional<Budget> after,
                             CommandError onError)
    : QUndoCommand(!before  ? CostCenterTr::tr("Add budget \u201c%1\u201d").arg(after->name)
                   : !after ? CostCenterTr::tr("Remove budget \u201c%1\u201d").arg(before->name)
                            : CostCenterTr::tr("Edit budget \u201c%1\u201d").arg(after->name)),
      m_engine(engine), m_before(std::move(before)), m_after(std::move(after)), m_onError(std::move(onError))
{
}

void BudgetCommand::apply(const std::optional<Budget> &from, const std::optional<Budget> &to)
{
    Status s = m_engine.run([&](Context &ctx) -> Status {
        if (from && !to)
            return removeBudget(ctx, from->id);
        auto id = putBudget(ctx, *to);
        if (!id)
            return id.error();
        if (m_after && &*to == &*m_after && m_after->id == 0)
            m_after->id = *id; // the first redo learns the new id, so undo and redo address the same row
        return {};
    });
    if (!s) {
        setObsolete(true);
        if (m_onError)
            m_onError(s.error());
    }
}

} // namespace billing::ui
