#pragma once

#include "analysis/allocation.h"

#include <QAbstractTableModel>

#include <map>

namespace billing::ui {

// Cost per enterprise project with its share of the shared costs, and the project's cost tags; the
// Tags cell is editable (comma-separated): an edit is reported through tagsEdited() and only shown once
// the page has stored it (through an undoable command) and reloaded.
class ProjectCostModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Project, Tags, Calls, Direct, Shared, Total, ColumnCount };

    explicit ProjectCostModel(QObject *parent);

    void setCosts(std::vector<ProjectCost> costs, std::map<QString, QStringList> tags,
                  const QString &currency);
    const ProjectCost &cost(int row) const { return m_costs[size_t(row)]; }
    QStringList tagsOf(const QString &project) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void tagsEdited(const QString &project, const QStringList &before, const QStringList &after);

private:
    std::optional<Money> money(const ProjectCost &c, int column) const;

    std::vector<ProjectCost> m_costs;
    std::map<QString, QStringList> m_tags;
    QString m_currency;
};

} // namespace billing::ui
