#pragma once

#include "engine/engine.h"

#include <QString>

#include <type_traits>
#include <utility>

namespace billing::ui {

// For work off the GUI thread (BackgroundTask): a QSqlDatabase connection belongs to the thread that
// opened it, so the worker opens its own Engine over the same database and clock, runs fn(Engine&)
// and closes it again. fn returns a Result<T> or a Status.
template <typename F>
auto withOwnEngine(const QString &location, const Clock &clock, F &&fn) -> std::invoke_result_t<F, Engine &>
{
    using R = std::invoke_result_t<F, Engine &>;
    auto engine = Engine::open(location, clock);
    if (!engine)
        return R(engine.error());
    return std::forward<F>(fn)(**engine);
}

} // namespace billing::ui
