#pragma once

// The Cost Center's undoable edits (non-money settings, ui-guidelines): each command is a few lines
// that call the model (through Engine::run) or the settings, and keep what is needed to go back.
#include "costcenter/analysisview.h"
#include "domain/budget.h"

#include <QStringList>
#include <QUndoCommand>

class QUndoStack;
class QWidget;

#include <functional>
#include <optional>

namespace billing {
class Engine;
}

namespace billing::ui {

class SavedViewStore;

// Puts Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, Ctrl+Y) of `stack` on `page` and its children.
void addUndoActions(QUndoStack *stack, QWidget *page);

// Errors of commands go to this callback (the page shows them in its banner); then the command does
// nothing and is marked obsolete.
using CommandError = std::function<void(const Error &)>;

class SaveViewCommand : public QUndoCommand
{
public:
    SaveViewCommand(SavedViewStore &store, const QString &name, const AnalysisView &view);
    void redo() override;
    void undo() override;

private:
    SavedViewStore &m_store;
    QString m_name;
    AnalysisView m_view;
    std::optional<AnalysisView> m_before;
};

class DeleteViewCommand : public QUndoCommand
{
public:
    DeleteViewCommand(SavedViewStore &store, const QString &name);
    void redo() override;
    void undo() override;

private:
    SavedViewStore &m_store;
    QString m_name;
    std::optional<AnalysisView> m_before;
};

class SetTagsCommand : public QUndoCommand
{
public:
    SetTagsCommand(Engine &engine, const QString &project, const QStringList &before,
                   const QStringList &after, CommandError onError);
    void redo() override { apply(m_after); }
    void undo() override { apply(m_before); }

private:
    void apply(const QStringList &tags);

    Engine &m_engine;
    QString m_project;
    QStringList m_before;
    QStringList m_after;
    CommandError m_onError;
};

// Adds, edits or removes a budget: `before`/`after` empty mean "absent".
class BudgetCommand : public QUndoCommand
{
public:
    BudgetCommand(Engine &engine, std::optional<Budget> before, std::optional<Budget> after,
                  CommandError onError);
    void redo() override { apply(m_before, m_after); }
    void undo() override { apply(m_after, m_before); }

private:
    void apply(const std::optional<Budget> &from, const std::optional<Budget> &to);

    Engine &m_engine;
    std::optional<Budget> m_before;
    std::optional<Budget> m_after;
    CommandError m_onError;
};

} // namespace billing::ui
