<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>there is no saved scenario &quot;%1&quot;</source>
        <translation>没有名为“%1”的已保存场景</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>cannot remove the scenario &quot;%1&quot;</source>
        <translation>无法删除场景“%1”</translation>
    </message>
</context>
<context>
    <name>billing::AccountRepository</name>
    <message>
        <source>the database holds no account: run &quot;billingctl init&quot; first</source>
        <translation>数据库中没有账户：请先运行 “billingctl init”</translation>
    </message>
    <message>
        <source>the account has an unknown state &quot;%1&quot;</source>
        <translation>账户状态 “%1” 未知</translation>
    </message>
    <message>
        <source>the database holds no price catalog</source>
        <translation>数据库中没有价格目录</translation>
    </message>
</context>
<context>
    <name>billing::BillingCalendar</name>
    <message>
        <source>&quot;%1&quot; is not a month: use YYYY-MM, e.g. 2026-10</source>
        <translation>“%1” 不是月份：请使用 YYYY-MM 格式，例如 2026-10</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time: use ISO 8601 with an offset, e.g. 2026-10-01T08:00:00+08:00</source>
        <translation>“%1” 不是时间：请使用带时区偏移的 ISO 8601 格式，例如 2026-10-01T08:00:00+08:00</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a UTC offset: use ±HH:MM, e.g. +08:00</source>
        <translation>“%1” 不是 UTC 偏移：请使用 ±HH:MM 格式，例如 +08:00</translation>
    </message>
</context>
<context>
    <name>billing::Budget</name>
    <message>
        <source>&quot;%1&quot; is not a threshold: give whole percentages from 1 to 1000</source>
        <translation>“%1” 不是阈值：请填写 1 到 1000 之间的整数百分比</translation>
    </message>
    <message>
        <source>a budget needs a name of 1 to 64 characters without surrounding spaces</source>
        <translation>预算名称须为 1 到 64 个字符，且首尾不能有空格</translation>
    </message>
    <message>
        <source>a budget amount must be at least 0.01 in whole cents</source>
        <translation>预算金额至少为 0.01，且须精确到分</translation>
    </message>
    <message>
        <source>a budget needs at least one alert threshold</source>
        <translation>预算至少需要一个告警阈值</translation>
    </message>
    <message>
        <source>thresholds are whole percentages from 1 to 1000</source>
        <translation>阈值须为 1 到 1000 之间的整数百分比</translation>
    </message>
    <message>
        <source>Whole account</source>
        <translation>整个账户</translation>
    </message>
    <message>
        <source>API %1</source>
        <translation>API %1</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>project %1</source>
        <translation>项目 %1</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be in a budget&apos;s scope: give values of 1 to 128 characters without surrounding spaces</source>
        <translation>“%1”不能作为预算范围的值：请给出 1 到 128 个字符、首尾不含空格的值</translation>
    </message>
</context>
<context>
    <name>billing::Catalog</name>
    <message>
        <source>price catalog: %1: %2</source>
        <translation>价格目录：%1：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty string</source>
        <translation>“%1” 须为非空字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number of at least 1</source>
        <translation>“%1” 须为不小于 1 的整数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be greater than zero</source>
        <translation>“%1” 须大于零</translation>
    </message>
    <message>
        <source>the built-in price catalog is missing</source>
        <translation>缺少内置价格目录</translation>
    </message>
    <message>
        <source>offset %1</source>
        <translation>偏移 %1</translation>
    </message>
    <message>
        <source>top level</source>
        <translation>顶层</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>须为 JSON 对象</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>unsupported catalog format (expected 1)</source>
        <translation>不支持的目录格式（应为 1）</translation>
    </message>
    <message>
        <source>apis</source>
        <translation>apis</translation>
    </message>
    <message>
        <source>the list of APIs is missing or empty</source>
        <translation>API 列表缺失或为空</translation>
    </message>
    <message>
        <source>apis[%1]</source>
        <translation>apis[%1]</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>须为对象</translation>
    </message>
    <message>
        <source>API &quot;%1&quot; appears twice</source>
        <translation>API “%1” 重复出现</translation>
    </message>
    <message>
        <source>regions</source>
        <translation>regions</translation>
    </message>
    <message>
        <source>the list of regions is missing or empty</source>
        <translation>区域列表缺失或为空</translation>
    </message>
    <message>
        <source>regions[%1]</source>
        <translation>regions[%1]</translation>
    </message>
    <message>
        <source>region &quot;%1&quot; appears twice</source>
        <translation>区域 “%1” 重复出现</translation>
    </message>
    <message>
        <source>price_lists</source>
        <translation>price_lists</translation>
    </message>
    <message>
        <source>no price list</source>
        <translation>没有价格表</translation>
    </message>
    <message>
        <source>price_lists[%1]</source>
        <translation>price_lists[%1]</translation>
    </message>
    <message>
        <source>price lists must be in ascending order of effective time</source>
        <translation>价格表须按生效时间升序排列</translation>
    </message>
    <message>
        <source>%1.tiers.%2</source>
        <translation>%1.tiers.%2</translation>
    </message>
    <message>
        <source>no tiers for category %1</source>
        <translation>类别 %1 没有阶梯</translation>
    </message>
    <message>
        <source>%1[%2]</source>
        <translation>%1[%2]</translation>
    </message>
    <message>
        <source>the first tier must start at call 1</source>
        <translation>第一个阶梯须从第 1 次调用开始</translation>
    </message>
    <message>
        <source>tiers must start at ascending calls</source>
        <translation>各阶梯的起始调用次数须递增</translation>
    </message>
    <message>
        <source>%1.tiers</source>
        <translation>%1.tiers</translation>
    </message>
    <message>
        <source>category %1 is used by no API</source>
        <translation>没有 API 使用类别 %1</translation>
    </message>
    <message>
        <source>%1.skus</source>
        <translation>%1.skus</translation>
    </message>
    <message>
        <source>no package SKU</source>
        <translation>没有资源包规格</translation>
    </message>
    <message>
        <source>%1.skus[%2]</source>
        <translation>%1.skus[%2]</translation>
    </message>
    <message>
        <source>a discount must be at most 1</source>
        <translation>折扣最多为 1</translation>
    </message>
    <message>
        <source>a package size must be a multiple of 1000 calls</source>
        <translation>资源包规格须为 1000 次调用的整数倍</translation>
    </message>
    <message>
        <source>SKU &quot;%1&quot; appears twice</source>
        <translation>规格 “%1” 重复出现</translation>
    </message>
    <message>
        <source>unknown API &quot;%1&quot;</source>
        <translation>未知的 API “%1”</translation>
    </message>
    <message>
        <source>unknown package size &quot;%1&quot; (choose one of %2)</source>
        <translation>未知的资源包规格 “%1”（可选：%2）</translation>
    </message>
    <message>
        <source>a package of %1 calls of category %2 would cost %3, outside the range of ±10,000,000,000.00</source>
        <translation>类别 %2 的 %1 次调用套餐价格将为 %3，超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of strings</source>
        <translation>&quot;%1&quot; 必须是字符串列表</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a list of non-empty strings</source>
        <translation>&quot;%1&quot; 必须是非空字符串的列表</translation>
    </message>
    <message>
        <source>provider_service</source>
        <translation>provider_service</translation>
    </message>
</context>
<context>
    <name>billing::Close</name>
    <message>
        <source>the bill of %1 is not final yet (it becomes final on %2); only a final month can be closed</source>
        <translation>%1 的账单尚未出账（将于 %2 出账）；只有已出账的月份才能结账</translation>
    </message>
    <message>
        <source>(no project)</source>
        <translation>（无项目）</translation>
    </message>
    <message>
        <source>the records of %1 changed after the month was closed (its close pack no longer matches them)</source>
        <translation>%1 的记录在结账后被更改（其结账包已与之不符）</translation>
    </message>
    <message>
        <source>the ledger entries of %1 changed after the month was closed (its close pack no longer matches them)</source>
        <translation>%1 的账务流水在结账后被更改（其结账包已与之不符）</translation>
    </message>
    <message>
        <source>the tier rows of %1 changed after the month was closed (its close pack no longer matches them)</source>
        <translation>%1 的阶梯明细在结账后被更改（其结账包已与之不符）</translation>
    </message>
</context>
<context>
    <name>billing::CostAnalysis</name>
    <message>
        <source>the start of the range must be before its end</source>
        <translation>时间范围的开始须早于结束</translation>
    </message>
    <message>
        <source>cost can be grouped by at most two dimensions</source>
        <translation>成本最多按两个维度分组</translation>
    </message>
    <message>
        <source>unknown dimension &quot;%1&quot; (choose from %2)</source>
        <translation>未知维度 “%1”（可选：%2）</translation>
    </message>
    <message>
        <source>the dimension &quot;%1&quot; is given twice</source>
        <translation>维度 “%1” 重复指定</translation>
    </message>
    <message>
        <source>a shared cost needs at least one project to go to</source>
        <translation>分摊的共享成本至少需要一个目标项目</translation>
    </message>
    <message>
        <source>the share of %1 is negative</source>
        <translation>%1 的分摊比例为负数</translation>
    </message>
    <message>
        <source>fixed shares must add up to 100 % (they add up to %1 %)</source>
        <translation>固定比例之和须为 100 %（当前为 %1 %）</translation>
    </message>
    <message>
        <source>the month %1 has not started yet</source>
        <translation>%1 月尚未开始</translation>
    </message>
    <message>
        <source>unknown API &quot;%1&quot;</source>
        <translation>未知的 API “%1”</translation>
    </message>
    <message>
        <source>the number of calls cannot be negative</source>
        <translation>调用次数不能为负数</translation>
    </message>
    <message>
        <source>%1 calls in the last 30 days: %2 is already the cheapest option at %3 a month.</source>
        <translation>近 30 天调用 %1 次：%2 已是最省钱的方式，每月 %3。</translation>
    </message>
    <message>
        <source>%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a month, saving %6 a month.</source>
        <translation>近 30 天调用 %1 次，使用%3每月费用 %2；改用%4每月 %5，每月可节省 %6。</translation>
    </message>
    <message>
        <source>At this rate package %1 will lapse on %2 with %3 of its %4 calls unused.</source>
        <translation>按当前用量，资源包 %1 将于 %2 到期，其 %4 次额度中有 %3 次未用完。</translation>
    </message>
    <message>
        <source>At this rate package %1 runs out on %2; the rest of its term, until %3, then costs about %4 pay-per-use.</source>
        <translation>按当前用量，资源包 %1 将于 %2 用完；剩余期限（至 %3）按需计费约需 %4。</translation>
    </message>
    <message>
        <source>the forecast of %1 would reach %2, outside the range of ±10,000,000,000.00</source>
        <translation>%1 的预测将达到 %2，超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>never cheaper than pay-per-use</source>
        <translation>任何用量下都不比按需计费更省钱</translation>
    </message>
    <message>
        <source>cheaper than pay-per-use at this volume (from %1 calls a month)</source>
        <translation>在此用量下比按需计费更省钱（每月 %1 次调用起）</translation>
    </message>
    <message>
        <source>not cheaper than pay-per-use at this volume (only from %1 calls a month)</source>
        <translation>在此用量下不比按需计费更省钱（仅在每月 %1 次调用起）</translation>
    </message>
    <message>
        <source>cheaper than pay-per-use at this volume (from %1 to %2 calls a month)</source>
        <translation>在此用量下比按需计费更省钱（每月 %1 至 %2 次调用）</translation>
    </message>
    <message>
        <source>not cheaper than pay-per-use at this volume (only from %1 to %2 calls a month)</source>
        <translation>在此用量下不比按需计费更省钱（仅在每月 %1 至 %2 次调用时）</translation>
    </message>
    <message>
        <source>%1 calls a month would cost %2 pay-per-use, outside the range of ±10,000,000,000.00</source>
        <translation>每月 %1 次调用按需计费将花费 %2，超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a month, saving %6 a month; package %7 is %8.</source>
        <translation>近 30 天调用 %1 次，使用%3每月费用 %2；改用%4每月 %5，每月可节省 %6；资源包 %7 %8。</translation>
    </message>
    <message>
        <source>the costs from %1 to %2 add up to %3, outside the range of ±10,000,000,000.00: choose a shorter range or a finer grouping</source>
        <translation>%1 至 %2 的费用合计为 %3，超出 ±10,000,000,000.00 的范围：请选择更短的时间范围或更细的分组</translation>
    </message>
    <message>
        <source>unknown region &quot;%1&quot;</source>
        <translation>未知的区域 “%1”</translation>
    </message>
    <message>
        <source>the cost per 1,000 calls of %1 over %2 calls is %3, outside the range of ±10,000,000,000.00</source>
        <translation>%2 次调用的费用 %1 折合每千次调用 %3，超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a month (YYYY-MM)</source>
        <translation>“%1”不是月份（YYYY-MM）</translation>
    </message>
    <message>
        <source>the range starts after it ends: %1 is later than %2</source>
        <translation>范围的开始晚于结束：%1 晚于 %2</translation>
    </message>
    <message>
        <source>The export was cancelled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>failed share</source>
        <translation>失败占比</translation>
    </message>
    <message>
        <source>package coverage</source>
        <translation>资源包覆盖</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>late usage</source>
        <translation>迟到用量</translation>
    </message>
    <message>
        <source>price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>package %1: the size %2 is no longer in the price list</source>
        <translation>资源包 %1：价格表中已没有规格 %2</translation>
    </message>
    <message>
        <source>the number of days must be from 1 to %1, not %2</source>
        <translation>天数须为 1 到 %1 之间，而不是 %2</translation>
    </message>
    <message>
        <source>there is no package %1</source>
        <translation>没有资源包 %1</translation>
    </message>
    <message>
        <source>package %1 was cancelled: there is no term to renew</source>
        <translation>资源包 %1 已取消：没有可续费的期限</translation>
    </message>
    <message>
        <source>package %1 has expired; buy a new package instead</source>
        <translation>资源包 %1 已过期；请改为购买新的资源包</translation>
    </message>
</context>
<context>
    <name>billing::LedgerRepository</name>
    <message>
        <source>ledger entry %1 has an unknown kind &quot;%2&quot;</source>
        <translation>收支记录 %1 的类型 “%2” 未知</translation>
    </message>
</context>
<context>
    <name>billing::Money</name>
    <message>
        <source>an amount is empty</source>
        <translation>金额为空</translation>
    </message>
    <message>
        <source>the amount &quot;%1&quot; is too large</source>
        <translation>金额 “%1” 过大</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: it must start with a digit</source>
        <translation>“%1” 不是金额：须以数字开头</translation>
    </message>
    <message>
        <source>the amount &quot;%1&quot; has more than 8 decimals</source>
        <translation>金额 “%1” 超过 8 位小数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: no digit after the point</source>
        <translation>“%1” 不是金额：小数点后没有数字</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: unexpected &quot;%2&quot;</source>
        <translation>“%1” 不是金额：意外的 “%2”</translation>
    </message>
    <message>
        <source>an amount was divided by zero</source>
        <translation>金额被零除</translation>
    </message>
    <message>
        <source>the amount %1 is outside the range of ±10,000,000,000.00</source>
        <translation>金额 %1 超出 ±10,000,000,000.00 的范围</translation>
    </message>
</context>
<context>
    <name>billing::RecordRepository</name>
    <message>
        <source>there is no transaction record %1</source>
        <translation>交易记录 %1 不存在</translation>
    </message>
</context>
<context>
    <name>billing::SubscriptionRepository</name>
    <message>
        <source>there is no package %1</source>
        <translation>资源包 %1 不存在</translation>
    </message>
</context>
<context>
    <name>billing::Transaction</name>
    <message>
        <source>no transaction to commit</source>
        <translation>没有可提交的事务</translation>
    </message>
    <message>
        <source>could not save the change: %1</source>
        <translation>无法保存更改：%1</translation>
    </message>
</context>
<context>
    <name>billing::UsageRepository</name>
    <message>
        <source>the stored call records of an unsettled hour are damaged</source>
        <translation>未结算小时的已存调用记录已损坏</translation>
    </message>
    <message>
        <source>the command ran out of memory reading the %1 bytes of call records waiting for an unsettled hour; nothing was changed (verify and backup still work)</source>
        <translation>读取未结算小时待处理的 %1 字节调用记录时命令内存不足；未做任何更改（verify 和 backup 仍可使用）</translation>
    </message>
</context>
<context>
    <name>billing::auth</name>
    <message>
        <source>%1 is not a member of this account; an owner can add them with &quot;billingctl member set %1 ROLE&quot;</source>
        <translation>%1 不是此账户的成员；所有者可以用“billingctl member set %1 角色”添加</translation>
    </message>
    <message>
        <source>%1 is a member in the role %2 and may not %3; that needs the role %4</source>
        <translation>%1 是角色为%2的成员，不能%3；此操作需要%4角色</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>a member name must have 1 to 64 characters</source>
        <translation>成员名称须为 1 至 64 个字符</translation>
    </message>
    <message>
        <source>the member name &quot;%1&quot; contains a space or a control character</source>
        <translation>成员名称“%1”包含空格或控制字符</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the engine&apos;s own name in the audit log; choose another member name</source>
        <translation>“%1”是计费引擎在审计日志中使用的名称；请另选成员名称</translation>
    </message>
    <message>
        <source>the account has no members yet, so everyone is its owner; make yourself its first owner before adding others (member set %1 owner)</source>
        <translation>账户尚无成员，因此所有人都是所有者；添加他人之前，请先将自己设为第一位所有者（member set %1 owner）</translation>
    </message>
    <message>
        <source>%1 is the account&apos;s last owner; make another member owner first</source>
        <translation>%1 是账户的最后一位所有者；请先将其他成员设为所有者</translation>
    </message>
    <message>
        <source>%1 is not a member of this account</source>
        <translation>%1 不是此账户的成员</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>view the account</source>
        <translation>查看账户</translation>
    </message>
    <message>
        <source>top up the balance</source>
        <translation>充值余额</translation>
    </message>
    <message>
        <source>grant coupons</source>
        <translation>发放代金券</translation>
    </message>
    <message>
        <source>buy or renew packages</source>
        <translation>购买或续费资源包</translation>
    </message>
    <message>
        <source>change auto-renewal</source>
        <translation>更改自动续费</translation>
    </message>
    <message>
        <source>unsubscribe packages</source>
        <translation>退订资源包</translation>
    </message>
    <message>
        <source>enable, disable or stop services</source>
        <translation>开通、关闭或停用服务</translation>
    </message>
    <message>
        <source>import call records</source>
        <translation>导入调用记录</translation>
    </message>
    <message>
        <source>edit cost tags</source>
        <translation>编辑成本标签</translation>
    </message>
    <message>
        <source>edit budgets</source>
        <translation>编辑预算</translation>
    </message>
    <message>
        <source>change the account&apos;s settings</source>
        <translation>更改账户设置</translation>
    </message>
    <message>
        <source>manage members</source>
        <translation>管理成员</translation>
    </message>
    <message>
        <source>back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>close the books of a month</source>
        <translation>结账（关闭月份账目）</translation>
    </message>
</context>
<context>
    <name>billing::console</name>
    <message>
        <source>Usage-based billing of OCR APIs: the desktop console.</source>
        <translation>OCR API 按量计费：桌面控制台。</translation>
    </message>
    <message>
        <source>Run at a fixed time, ISO 8601 with offset (default: the system clock).</source>
        <translation>以固定时间运行，带时区偏移的 ISO 8601 格式（默认：系统时钟）。</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Could not create the demo account in %1: %2</source>
        <translation>无法在 %1 中创建演示账户：%2</translation>
    </message>
    <message>
        <source>Could not open the account database %1: %2</source>
        <translation>无法打开账户数据库 %1：%2</translation>
    </message>
    <message>
        <source>Show the console in LANGUAGE: en or zh_CN (default: the choice in Settings, else the system&apos;s).</source>
        <translation>以 LANGUAGE 语言显示控制台：en 或 zh_CN（默认：设置中的选择，否则为系统语言）。</translation>
    </message>
    <message>
        <source>LANGUAGE</source>
        <translation>LANGUAGE</translation>
    </message>
    <message>
        <source>Use a dark palette, e.g. to check that every page reads well.</source>
        <translation>使用深色配色，例如用于检查每个页面是否清晰易读。</translation>
    </message>
    <message>
        <source>There is no translation into “%1”; choose en or zh_CN.</source>
        <translation>没有 “%1” 的翻译；请选择 en 或 zh_CN。</translation>
    </message>
    <message>
        <source>OCR Billing Console</source>
        <translation>OCR 计费控制台</translation>
    </message>
    <message>
        <source>The account database: a file, or postgresql://USER:PASSWORD@HOST:PORT/DBNAME for an account shared on a PostgreSQL server (default: %1).</source>
        <translation>账户数据库：一个文件，或用于 PostgreSQL 服务器上共享账户的 postgresql://用户:密码@主机:端口/数据库名（默认：%1）。</translation>
    </message>
    <message>
        <source>PATH|URL</source>
        <translation>路径|地址</translation>
    </message>
    <message>
        <source>Save a screenshot of every page and of the user guide&apos;s dialogs into DIR, then quit.</source>
        <translation>将每个页面和用户指南中对话框的截图保存到 DIR 后退出。</translation>
    </message>
</context>
<context>
    <name>billing::demo</name>
    <message>
        <source>--months must be between 1 and 36</source>
        <translation>--months 须在 1 到 36 之间</translation>
    </message>
    <message>
        <source>%1 already exists; the demo creates a new account database</source>
        <translation>%1 已存在；演示会创建新的账户数据库</translation>
    </message>
    <message>
        <source>Demo account</source>
        <translation>演示账户</translation>
    </message>
    <message>
        <source>demo day %1</source>
        <translation>演示第 %1 天</translation>
    </message>
    <message>
        <source>the demo was cancelled; nothing was kept</source>
        <translation>演示已取消；未保留任何内容</translation>
    </message>
</context>
<context>
    <name>billing::engine</name>
    <message>
        <source>the low-balance threshold cannot be negative</source>
        <translation>余额告警阈值不能为负数</translation>
    </message>
    <message>
        <source>the low-balance threshold can be at most %1</source>
        <translation>余额告警阈值最多为 %1</translation>
    </message>
    <message>
        <source>the low-balance threshold takes at most 2 decimals</source>
        <translation>余额告警阈值最多 2 位小数</translation>
    </message>
    <message>
        <source>the quota alert percentage must be between 0 and 100</source>
        <translation>额度告警百分比须在 0 到 100 之间</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: write digits with at most 2 decimals, e.g. 12.50</source>
        <translation>“%1” 不是金额：请填写最多 2 位小数的数字，例如 12.50</translation>
    </message>
    <message>
        <source>the amount %1 is above the limit of 10,000,000.00</source>
        <translation>金额 %1 超过上限 10,000,000.00</translation>
    </message>
    <message>
        <source>the amount must be at least 0.01</source>
        <translation>金额至少为 0.01</translation>
    </message>
    <message>
        <source>the amount must be at most 10,000,000.00</source>
        <translation>金额最多为 10,000,000.00</translation>
    </message>
    <message>
        <source>the amount may have at most 2 decimals</source>
        <translation>金额最多 2 位小数</translation>
    </message>
    <message>
        <source>the account is frozen for arrears of %1: top up first; purchases and renewals are refused while frozen</source>
        <translation>账户因欠费 %1 已冻结：请先充值；冻结期间无法购买和续费</translation>
    </message>
    <message>
        <source>insufficient funds: the package costs %1 but coupons and balance cover only %2; top up first</source>
        <translation>余额不足：资源包价格为 %1，但代金券和余额只够 %2；请先充值</translation>
    </message>
    <message>
        <source>unknown API &quot;%1&quot;</source>
        <translation>未知的 API “%1”</translation>
    </message>
    <message>
        <source>unknown region &quot;%1&quot;</source>
        <translation>未知的区域 “%1”</translation>
    </message>
    <message>
        <source>unknown package size &quot;%1&quot; (choose one of %2)</source>
        <translation>未知的资源包规格 “%1”（可选：%2）</translation>
    </message>
    <message>
        <source>there is no package %1</source>
        <translation>资源包 %1 不存在</translation>
    </message>
    <message>
        <source>package %1 was unsubscribed; buy a new package instead</source>
        <translation>资源包 %1 已退订；请购买新的资源包</translation>
    </message>
    <message>
        <source>package %1 has expired; buy a new package instead</source>
        <translation>资源包 %1 已到期；请购买新的资源包</translation>
    </message>
    <message>
        <source>insufficient funds: %1 costs %2 in all; top up first</source>
        <translation>余额不足：%1 共需 %2；请先充值</translation>
    </message>
    <message>
        <source>insufficient funds: the package costs %1; coupons and balance do not cover it; top up first</source>
        <translation>余额不足：资源包价格为 %1，代金券和余额不足以支付；请先充值</translation>
    </message>
    <message>
        <source>insufficient funds: %1 packages cost %2; coupons and balance do not cover them; top up first</source>
        <translation>余额不足：%1 个资源包共需 %2，代金券和余额不足以支付；请先充值</translation>
    </message>
    <message>
        <source>the quantity must be between 1 and 100</source>
        <translation>数量须在 1 到 100 之间</translation>
    </message>
    <message>
        <source>auto-renew days must be between 1 and 30</source>
        <translation>自动续费提前天数须在 1 到 30 之间</translation>
    </message>
    <message>
        <source>the effective time %1 is earlier than now (%2)</source>
        <translation>生效时间 %1 早于当前时间（%2）</translation>
    </message>
    <message>
        <source>package %1 was unsubscribed</source>
        <translation>资源包 %1 已退订</translation>
    </message>
    <message>
        <source>package %1 has expired; auto-renew can only be changed before expiry</source>
        <translation>资源包 %1 已到期；只能在到期前修改自动续费</translation>
    </message>
    <message>
        <source>package %1 was already unsubscribed</source>
        <translation>资源包 %1 已退订过</translation>
    </message>
    <message>
        <source>package %1 has expired</source>
        <translation>资源包 %1 已到期</translation>
    </message>
    <message>
        <source>package %1 is in force since %2: a package in force cannot be unsubscribed; switch auto-renew off to let it run out</source>
        <translation>资源包 %1 自 %2 起已生效：生效中的资源包不能退订；可关闭自动续费让其到期</translation>
    </message>
    <message>
        <source>package %1 is followed by a later term: unsubscribe the last term of the chain first</source>
        <translation>资源包 %1 之后还有续期：请先退订续期链中最后一期</translation>
    </message>
    <message>
        <source>package %1 could not be read back</source>
        <translation>无法读回资源包 %1</translation>
    </message>
    <message>
        <source>ledger entry %1: balance after is %2 but the entries up to it sum to %3</source>
        <translation>收支记录 %1：变动后余额为 %2，但截至该条的记录合计为 %3</translation>
    </message>
    <message>
        <source>the account balance is %1 but the ledger sums to %2</source>
        <translation>账户余额为 %1，但收支明细合计为 %2</translation>
    </message>
    <message>
        <source>coupon %1: remaining %2 but its ledger entries sum to %3</source>
        <translation>代金券 %1：剩余 %2，但其收支记录合计为 %3</translation>
    </message>
    <message>
        <source>coupon %1: remaining %2 is outside 0 … %3</source>
        <translation>代金券 %1：剩余 %2 不在 0 … %3 范围内</translation>
    </message>
    <message>
        <source>transaction %1: charged %2 + rounded off %3 is not the fee %4</source>
        <translation>交易 %1：实扣 %2 + 抹零 %3 不等于费用 %4</translation>
    </message>
    <message>
        <source>transaction %1: charged %2 is not the fee %3 truncated to cents</source>
        <translation>交易 %1：实扣 %2 不等于费用 %3 截断到分后的金额</translation>
    </message>
    <message>
        <source>transaction %1: paid by coupon, by cash and arrears do not add up to the charge %2</source>
        <translation>交易 %1：代金券支付、现金支付与欠费之和不等于扣费 %2</translation>
    </message>
    <message>
        <source>transaction %1: the ledger moved %2 of cash but the record says %3</source>
        <translation>交易 %1：收支明细中现金变动 %2，但记录为 %3</translation>
    </message>
    <message>
        <source>transaction %1: the ledger moved %2 of coupons but the record says %3</source>
        <translation>交易 %1：收支明细中代金券变动 %2，但记录为 %3</translation>
    </message>
    <message>
        <source>package %1: remaining quota %2 is outside 0 … %3</source>
        <translation>资源包 %1：剩余额度 %2 不在 0 … %3 范围内</translation>
    </message>
    <message>
        <source>the final bill of %1 changed after it was closed</source>
        <translation>%1 的正式账单在出账后被修改</translation>
    </message>
    <message>
        <source>audit log: entry %1 is missing (the next is %2)</source>
        <translation>审计日志：缺少第 %1 条（下一条为 %2）</translation>
    </message>
    <message>
        <source>audit log: entry %1 does not follow the entry before it</source>
        <translation>审计日志：第 %1 条与上一条不衔接</translation>
    </message>
    <message>
        <source>audit log: entry %1 was altered after it was written</source>
        <translation>审计日志：第 %1 条写入后被篡改</translation>
    </message>
    <message>
        <source>audit log: the newest entries were removed (the log ends before the recorded head)</source>
        <translation>审计日志：最新的记录被删除（日志在记录的末条之前结束）</translation>
    </message>
    <message>
        <source>a coupon must expire after now (%1)</source>
        <translation>代金券的到期时间须晚于当前时间（%1）</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was imported</source>
        <translation>导入已取消；未导入任何记录</translation>
    </message>
    <message>
        <source>line %1: the call at %2 is later than now (%3); the file was not imported</source>
        <translation>第 %1 行：%2 的调用晚于当前时间（%3）；文件未导入</translation>
    </message>
    <message>
        <source>the file holds no call records (an empty file or a header only); nothing was imported</source>
        <translation>文件中没有调用记录（空文件或只有表头）；未导入任何记录</translation>
    </message>
    <message>
        <source>this file was imported before (same content); nothing was imported</source>
        <translation>此文件已导入过（内容相同）；未导入任何记录</translation>
    </message>
    <message>
        <source>%1 record(s) are late: their hours were already settled (the first is on line %2); nothing was imported. Import with --late to bill them as late usage</source>
        <translation>%1 条记录迟到：所在小时已结算（第一条在第 %2 行）；未导入任何记录。使用 --late 导入可按迟到用量计费</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>cannot copy into %1: %2</source>
        <translation>无法复制到 %1：%2</translation>
    </message>
    <message>
        <source>copying into %1 failed: %2</source>
        <translation>复制到 %1 失败：%2</translation>
    </message>
    <message>
        <source>%1 already exists; choose a new file name for the backup</source>
        <translation>%1 已存在；请为备份选择一个新文件名</translation>
    </message>
    <message>
        <source>the folder of %1 does not exist</source>
        <translation>%1 所在的文件夹不存在</translation>
    </message>
    <message>
        <source>the database connection gives no SQLite handle</source>
        <translation>数据库连接未提供 SQLite 句柄</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>there is no backup file %1</source>
        <translation>备份文件 %1 不存在</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1 is not a usable backup: %2</source>
        <translation>%1 不是可用的备份：%2</translation>
    </message>
    <message>
        <source>%1 fails verification: %2</source>
        <translation>%1 未通过校验：%2</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>the copy into %1 was cancelled</source>
        <translation>复制到 %1 已取消</translation>
    </message>
    <message>
        <source>%1 is a PostgreSQL database: back it up on the server with pg_dump (for example pg_dump -Fc -f billing.dump DBNAME); this command copies SQLite files only</source>
        <translation>%1 是 PostgreSQL 数据库：请在服务器上用 pg_dump 备份（例如 pg_dump -Fc -f billing.dump DBNAME）；此命令只复制 SQLite 文件</translation>
    </message>
    <message>
        <source>%1 is a PostgreSQL database: restore it on the server with pg_restore from a pg_dump archive; this command restores SQLite files only</source>
        <translation>%1 是 PostgreSQL 数据库：请在服务器上用 pg_restore 从 pg_dump 归档恢复；此命令只恢复 SQLite 文件</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2的%1</translation>
    </message>
    <message>
        <source>grace period</source>
        <translation>宽限期</translation>
    </message>
    <message>
        <source>frozen state</source>
        <translation>冻结状态</translation>
    </message>
    <message>
        <source>Arrears cleared</source>
        <translation>欠费已结清</translation>
    </message>
    <message>
        <source>Arrears started</source>
        <translation>开始欠费</translation>
    </message>
    <message>
        <source>Low balance</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <source>Account frozen</source>
        <translation>账户已冻结</translation>
    </message>
    <message>
        <source>Services released</source>
        <translation>服务已释放</translation>
    </message>
    <message>
        <source>Package quota low</source>
        <translation>资源包额度不足</translation>
    </message>
    <message>
        <source>Package expired</source>
        <translation>资源包已到期</translation>
    </message>
    <message>
        <source>Coupon lapsed</source>
        <translation>代金券失效</translation>
    </message>
    <message>
        <source>Package renewed</source>
        <translation>资源包已续费</translation>
    </message>
    <message>
        <source>Auto-renewal failed</source>
        <translation>自动续费失败</translation>
    </message>
    <message>
        <source>Budget threshold reached</source>
        <translation>预算达到阈值</translation>
    </message>
    <message>
        <source>Budget forecast exceeded</source>
        <translation>预算预测超支</translation>
    </message>
    <message>
        <source>Freeze in 24 hours</source>
        <translation>24 小时后冻结</translation>
    </message>
    <message>
        <source>Package expiring</source>
        <translation>资源包即将到期</translation>
    </message>
    <message>
        <source>The account left the %1 and is back to normal; the balance is %2.</source>
        <translation>账户已退出%1，恢复正常；余额为 %2。</translation>
    </message>
    <message>
        <source>The balance went below zero: %1 in arrears. Calls are still served until %2; top up to repay.</source>
        <translation>余额已低于零：欠费 %1。%2 前仍可正常调用；请充值还款。</translation>
    </message>
    <message>
        <source>The balance is %1, below the alert threshold of %2.</source>
        <translation>余额为 %1，低于告警阈值 %2。</translation>
    </message>
    <message>
        <source>Grace ended with %1 unpaid: calls are rejected. Services are released on %2 unless repaid.</source>
        <translation>宽限期结束，仍有 %1 未支付：调用将被拒绝。除非还清，服务将于 %2 释放。</translation>
    </message>
    <message>
        <source>Retention ended with %1 unpaid: every API service was disabled.</source>
        <translation>保留期结束，仍有 %1 未支付：所有 API 服务已停用。</translation>
    </message>
    <message>
        <source>Package %1 (%2) has %3 of %4 calls left.</source>
        <translation>资源包 %1（%2）剩余 %3 次，共 %4 次。</translation>
    </message>
    <message>
        <source>Package %1 (%2) expired; %3 unused calls lapsed.</source>
        <translation>资源包 %1（%2）已到期；%3 次未用额度已失效。</translation>
    </message>
    <message>
        <source>Coupon %1 expired; %2 lapsed.</source>
        <translation>代金券 %1 已过期；%2 已失效。</translation>
    </message>
    <message>
        <source>Package %1 (%2) was renewed as package %3 for %4.</source>
        <translation>资源包 %1（%2）已续费为资源包 %3，费用 %4。</translation>
    </message>
    <message>
        <source>The account will be frozen on %1 unless arrears of %2 are repaid.</source>
        <translation>除非还清欠费 %2，账户将于 %1 冻结。</translation>
    </message>
    <message>
        <source>Package %1 (%2) expires on %3; it will be renewed automatically.</source>
        <translation>资源包 %1（%2）将于 %3 到期；到期后自动续费。</translation>
    </message>
    <message>
        <source>Package %1 (%2) expires on %3 and auto-renew is off.</source>
        <translation>资源包 %1（%2）将于 %3 到期，未开启自动续费。</translation>
    </message>
    <message>
        <source>Package %1 (%2) could not be renewed: %3. It expires on %4.</source>
        <translation>资源包 %1（%2）续费失败：%3。将于 %4 到期。</translation>
    </message>
    <message>
        <source>Budget “%1”: spending in %2 reached %3 % of %4 (%5 so far).</source>
        <translation>预算“%1”：%2 的支出已达 %4 的 %3 %（目前 %5）。</translation>
    </message>
    <message>
        <source>Budget “%1”: %2 is forecast to end at %5, at least %3 % of %4.</source>
        <translation>预算“%1”：预计 %2 结束时支出为 %5，至少达到 %4 的 %3 %。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the database %1 holds no account: run &quot;billingctl init&quot; first</source>
        <translation>数据库 %1 中没有账户：请先运行 “billingctl init”</translation>
    </message>
    <message>
        <source>the price catalog is in %1; an account in %2 cannot be billed with it</source>
        <translation>价格目录以 %1 计价；以 %2 计价的账户无法按它计费</translation>
    </message>
    <message>
        <source>%1 already holds an account; nothing was changed</source>
        <translation>%1 中已有账户；未作任何更改</translation>
    </message>
    <message>
        <source>OCR account</source>
        <translation>OCR 账户</translation>
    </message>
    <message>
        <source>time cannot go backwards: the account was already processed up to %1, later than %2</source>
        <translation>时间不能倒退：账户已处理至 %1，晚于 %2</translation>
    </message>
    <message>
        <source>the command (with its catch-up to %1) ran out of memory; nothing was changed (verify and backup still work)</source>
        <translation>命令（及其补算到 %1 的结算）内存不足；未做任何更改（verify 和 backup 仍可使用）</translation>
    </message>
    <message>
        <source>the command (with its catch-up to %1) failed: %2; nothing was changed (verify and backup still work)</source>
        <translation>命令（及其补算到 %1 的结算）失败：%2；未做任何更改（verify 和 backup 仍可使用）</translation>
    </message>
    <message>
        <source>the top-up of %1 would take the balance to %2, above the limit of 10,000,000,000.00</source>
        <translation>充值 %1 将使余额达到 %2，超过上限 10,000,000,000.00</translation>
    </message>
    <message>
        <source>%1 calls of %2 in %3 (project %4) in the hour from %5: %6; nothing was changed</source>
        <translation>%5 起的一小时内 %2 在 %3（项目 %4）的 %1 次调用：%6；未做任何更改</translation>
    </message>
    <message>
        <source>their fee, %1, is outside the range of ±10,000,000,000.00</source>
        <translation>其费用 %1 超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>their charge would take the balance to %1, outside the range of ±10,000,000,000.00</source>
        <translation>其扣费将使余额变为 %1，超出 ±10,000,000,000.00 的范围</translation>
    </message>
    <message>
        <source>ledger entry %1: %2 %3 is outside the range of %4</source>
        <translation>收支记录 %1：%2 %3 超出 %4 的范围</translation>
    </message>
    <message>
        <source>the account balance %1 is outside the range of %2</source>
        <translation>账户余额 %1 超出 %2 的范围</translation>
    </message>
    <message>
        <source>transaction %1: %2 %3 is outside the range of %4</source>
        <translation>交易 %1：%2 %3 超出 %4 的范围</translation>
    </message>
    <message>
        <source>transaction %1: the usage line&apos;s %2 %3 is negative</source>
        <translation>交易 %1：用量明细的 %2 %3 为负数</translation>
    </message>
    <message>
        <source>transaction %1: a top-up of %2 is not a credit</source>
        <translation>交易 %1：充值 %2 不是入账</translation>
    </message>
    <message>
        <source>the bill of %1: the total %2 %3 is outside the range of %4</source>
        <translation>%1 账单：合计 %2 %3 超出 %4 的范围</translation>
    </message>
    <message>
        <source>coupon %1: its amount %2 is outside 0.01 … 10,000,000,000.00</source>
        <translation>代金券 %1：金额 %2 不在 0.01 … 10,000,000,000.00 之内</translation>
    </message>
    <message>
        <source>package %1: its price %2 is outside 0 … 10,000,000,000.00</source>
        <translation>资源包 %1：价格 %2 不在 0 … 10,000,000,000.00 之内</translation>
    </message>
    <message>
        <source>the database is damaged: %1</source>
        <translation>数据库已损坏：%1</translation>
    </message>
    <message>
        <source>an API of the catalog</source>
        <translation>价格目录中的 API</translation>
    </message>
    <message>
        <source>a region of the catalog</source>
        <translation>价格目录中的区域</translation>
    </message>
    <message>
        <source>a package size of the catalog</source>
        <translation>价格目录中的资源包规格</translation>
    </message>
    <message>
        <source>a record type</source>
        <translation>交易记录类型</translation>
    </message>
    <message>
        <source>a billing mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>a ledger entry kind</source>
        <translation>收支记录类型</translation>
    </message>
    <message>
        <source>table %1, row %2, column %3: &quot;%4&quot; is not %5 (expected one of %6)</source>
        <translation>表 %1，行 %2，列 %3：“%4”不是%5（应为以下之一：%6）</translation>
    </message>
    <message>
        <source>table record_tier, transaction %1, position %2: tier %3 does not exist</source>
        <translation>表 record_tier，交易 %1，位置 %2：档位 %3 不存在</translation>
    </message>
    <message>
        <source>table record_tier, transaction %1, tier %2: %3 calls at positions %4 … %5 do not fit the tier (from position %6)</source>
        <translation>表 record_tier，交易 %1，档位 %2：位置 %4 … %5 上的 %3 次调用不在该档位内（该档位从位置 %6 起）</translation>
    </message>
    <message>
        <source>table record_tier, transaction %1, tier %2, column price_per_1000: stored %3, the catalog&apos;s price is %4</source>
        <translation>表 record_tier，交易 %1，档位 %2，列 price_per_1000：存储值为 %3，价格目录中的价格为 %4</translation>
    </message>
    <message>
        <source>transaction %1: its tier rows hold %2 calls but the record %3</source>
        <translation>交易 %1：其分档明细共 %2 次调用，但交易记录为 %3 次</translation>
    </message>
    <message>
        <source>transaction %1, column fee: stored %2, its tier rows price %3</source>
        <translation>交易 %1，列 fee：存储值为 %2，按其分档明细计价为 %3</translation>
    </message>
    <message>
        <source>table record_tier: %1 row(s) for transaction %2, which is not a pay-per-use line</source>
        <translation>表 record_tier：有 %1 行属于交易 %2，但该交易不是按需计费的明细</translation>
    </message>
    <message>
        <source>seal %1: the %2 with ids %3 … %4 changed, were removed or were added after they were written (%5 row(s) sealed, %6 stored)</source>
        <translation>封印 %1：编号 %3 … %4 的%2在写入后被修改、删除或添加（封印时 %5 行，现存 %6 行）</translation>
    </message>
    <message>
        <source>row seals: the first seal (where sealing began) was removed</source>
        <translation>行封印：第一个封印（封印的起点）已被删除</translation>
    </message>
    <message>
        <source>row seals: seal %1 is missing (the next is %2)</source>
        <translation>行封印：缺少封印 %1（下一个为 %2）</translation>
    </message>
    <message>
        <source>row seals: seal %1 does not follow the seal before it</source>
        <translation>行封印：封印 %1 与前一个封印不衔接</translation>
    </message>
    <message>
        <source>row seals: seal %1 was altered after it was written</source>
        <translation>行封印：封印 %1 写入后被篡改</translation>
    </message>
    <message>
        <source>transaction records</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>tier rows of the transaction records</source>
        <translation>交易记录的分档明细</translation>
    </message>
    <message>
        <source>ledger entries</source>
        <translation>收支记录</translation>
    </message>
    <message>
        <source>row seals: the newest seals were removed (the chain ends before the recorded head)</source>
        <translation>行封印：最新的封印被删除（链在记录的链头之前结束）</translation>
    </message>
    <message>
        <source>%1 row(s) of the %2 with ids %3 are not sealed: written behind the program&apos;s back, or their seal was removed</source>
        <translation>%2中编号为 %3 的 %1 行未被封印：它们是绕过本程序写入的，或其封印已被删除</translation>
    </message>
    <message>
        <source>the coupons would hold %1 together, outside the range of ±10,000,000,000.00; nothing was changed</source>
        <translation>代金券合计将达到 %1，超出 ±10,000,000,000.00 的范围；未做任何更改</translation>
    </message>
    <message>
        <source>. These calls were imported by an earlier command, so every command that catches up to %1 or later fails the same way; verify and backup still work. To go on, restore a backup made before that import (billingctl restore FILE --replace), or, where the balance is what leaves the range, top up with --now before %1 first</source>
        <translation>。这些调用是由之前的命令导入的，因此之后每个追溯到 %1 或更晚的命令都会同样失败；verify 和 backup 仍可使用。若要继续，请恢复该次导入之前的备份（billingctl restore FILE --replace）；如果超出范围的是余额，请先用早于 %1 的 --now 充值</translation>
    </message>
    <message>
        <source>the %1 of the bill of %2 would add up to %3, outside the range of %4</source>
        <translation>%2 账单的 %1 合计将达到 %3，超出 %4 的范围</translation>
    </message>
    <message>
        <source>%1; nothing was changed</source>
        <translation>%1；未做任何更改</translation>
    </message>
    <message>
        <source>%1; nothing was imported</source>
        <translation>%1；未导入任何内容</translation>
    </message>
    <message>
        <source>the fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>the balance (now %1)</source>
        <translation>余额（当前为 %1）</translation>
    </message>
    <message>
        <source>the totals of the bill of %1</source>
        <translation>%1 账单的合计</translation>
    </message>
    <message>
        <source>the calls waiting for the hour from %1 to end could cost up to %2 when it is settled (every successful call at its API&apos;s highest tier price, none covered by a package), which would take %3 outside the range of %4</source>
        <translation>等待 %1 起这一小时结束的调用在结算时最多可能花费 %2（每次成功调用均按其 API 的最高阶梯价格计算，且不计套餐抵扣），这会使%3超出 %4 的范围</translation>
    </message>
    <message>
        <source>%1 Scope: %2.</source>
        <translation>%1适用范围：%2。</translation>
    </message>
    <message>
        <source>Package %1 (%2) was renewed as package %3, %4, for %5.</source>
        <translation>资源包 %1（%2）已续费为资源包 %3（%4），费用 %5。</translation>
    </message>
    <message>
        <source>a renewal size goes with switching auto-renew on, not off (package %1)</source>
        <translation>续费规格只能在开启自动续费时指定，关闭时不能指定（资源包 %1）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names another API (%2): a renewal of package %3 keeps its API and region (%4 in %5) and can change only the size (choose one of %6)</source>
        <translation>“%1”指向另一个 API（%2）：资源包 %3 续费时保持其 API 和区域（%5的%4），只能更改规格（可选：%6）</translation>
    </message>
    <message>
        <source>unknown package size &quot;%1&quot; for package %2 (%3 in %4): choose one of %5</source>
        <translation>资源包 %2（%4的%3）没有规格“%1”：可选 %5</translation>
    </message>
    <message>
        <source>%1, project %2: the cost on %3 fell to %4 against a usual %5; main cause: %6.</source>
        <translation>%1，项目 %2：%3 的费用降至 %4，通常为 %5；主要原因：%6。</translation>
    </message>
    <message>
        <source>%1, project %2: the cost on %3 rose to %4 against a usual %5; main cause: %6.</source>
        <translation>%1，项目 %2：%3 的费用升至 %4，通常为 %5；主要原因：%6。</translation>
    </message>
    <message>
        <source>Cost anomaly</source>
        <translation>费用异常</translation>
    </message>
    <message>
        <source>the dry run was cancelled</source>
        <translation>试运行已取消</translation>
    </message>
    <message>
        <source>a dry run covers 1 to %1 days, not %2</source>
        <translation>试运行覆盖 1 到 %1 天，而不是 %2 天</translation>
    </message>
    <message>
        <source>a guard&apos;s name has 1 to 64 characters without surrounding spaces; &quot;%1&quot; has not</source>
        <translation>守卫名称为 1 到 64 个字符，首尾不能有空格；“%1”不符合</translation>
    </message>
    <message>
        <source>a guard has one trigger: give either a month&apos;s cost limit or a balance floor</source>
        <translation>一个守卫只有一个触发条件：请给出月度费用上限或余额下限之一</translation>
    </message>
    <message>
        <source>a balance guard watches the whole account: its scope is every API in every region (no API, no region)</source>
        <translation>余额守卫监视整个账户：其范围是所有区域的所有 API（不能指定 API 或区域）</translation>
    </message>
    <message>
        <source>there is no guard named &quot;%1&quot;</source>
        <translation>没有名为“%1”的守卫</translation>
    </message>
    <message>
        <source>no service was enabled in its scope</source>
        <translation>其范围内没有已开通的服务</translation>
    </message>
    <message>
        <source>disabled %1</source>
        <translation>已关闭 %1</translation>
    </message>
    <message>
        <source>Guard “%1”: the balance fell to %2, at or below the floor of %3; %4.</source>
        <translation>守卫“%1”：余额降至 %2，达到或低于下限 %3；%4。</translation>
    </message>
    <message>
        <source>Guard “%1”: this month&apos;s cost reached %2, the limit is %3; %4.</source>
        <translation>守卫“%1”：本月费用达到 %2，上限为 %3；%4。</translation>
    </message>
    <message>
        <source>Spend guard fired</source>
        <translation>支出守卫已触发</translation>
    </message>
    <message>
        <source>%1: changes[%2]: </source>
        <translation>%1：changes[%2]：</translation>
    </message>
    <message>
        <source>unknown API &quot;%1&quot; in &quot;%2&quot;</source>
        <translation>“%2”中的 API“%1”未知</translation>
    </message>
    <message>
        <source>unknown SKU &quot;%1&quot;</source>
        <translation>规格“%1”未知</translation>
    </message>
    <message>
        <source>no package %1</source>
        <translation>没有资源包 %1</translation>
    </message>
    <message>
        <source>&quot;date&quot; %1 is not a date</source>
        <translation>“date” %1 不是日期</translation>
    </message>
    <message>
        <source>the date %1 is not after today (%2)</source>
        <translation>日期 %1 不在今天（%2）之后</translation>
    </message>
    <message>
        <source>the date %1 is after the simulated months</source>
        <translation>日期 %1 在模拟的月份之后</translation>
    </message>
    <message>
        <source>the simulation was cancelled</source>
        <translation>模拟已取消</translation>
    </message>
    <message>
        <source>at most %1 scenarios at a time</source>
        <translation>一次最多 %1 个场景</translation>
    </message>
    <message>
        <source>months must be from 1 to %1, not %2</source>
        <translation>月数须为 1 到 %1，而不是 %2</translation>
    </message>
    <message>
        <source>cannot create a scratch folder for the simulation</source>
        <translation>无法为模拟创建临时文件夹</translation>
    </message>
    <message>
        <source>cannot copy the scratch account</source>
        <translation>无法复制临时账户</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>%1&quot;%2&quot; must be a non-empty string</source>
        <translation>%1“%2”须为非空字符串</translation>
    </message>
    <message>
        <source>%1&quot;%2&quot; must be a whole number</source>
        <translation>%1“%2”须为整数</translation>
    </message>
    <message>
        <source>%1&quot;%2&quot; must be an amount as a string, e.g. &quot;100.00&quot;</source>
        <translation>%1“%2”须为字符串形式的金额，例如 “100.00”</translation>
    </message>
    <message>
        <source>changes[%1]: </source>
        <translation>changes[%1]：</translation>
    </message>
    <message>
        <source>a change must be an object</source>
        <translation>一项变更须为对象</translation>
    </message>
    <message>
        <source>unknown &quot;type&quot; &quot;%1&quot; (volume, move, buy, renew, unsubscribe, enable, disable, guard)</source>
        <translation>“type”“%1”未知（volume、move、buy、renew、unsubscribe、enable、disable、guard）</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; for a %2 change</source>
        <translation>%2 变更中的键“%1”未知</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is missing</source>
        <translation>缺少“%1”</translation>
    </message>
    <message>
        <source>&quot;percent&quot; must be from -100 to 100000, not %1</source>
        <translation>“percent”须为 -100 到 100000，而不是 %1</translation>
    </message>
    <message>
        <source>&quot;share_percent&quot; must be from 0 to 100, not %1</source>
        <translation>“share_percent”须为 0 到 100，而不是 %1</translation>
    </message>
    <message>
        <source>&quot;from_api&quot; and &quot;to_api&quot; must differ</source>
        <translation>“from_api”和“to_api”不能相同</translation>
    </message>
    <message>
        <source>&quot;package_id&quot; must be a package id</source>
        <translation>“package_id”须为资源包 ID</translation>
    </message>
    <message>
        <source>a guard needs exactly one of &quot;month_cost&quot; and &quot;balance_floor&quot;</source>
        <translation>守卫须且只能有“month_cost”和“balance_floor”之一</translation>
    </message>
    <message>
        <source>&quot;date&quot; must be YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>“date”须为 YYYY-MM-DD 格式，而不是“%1”</translation>
    </message>
    <message>
        <source>line %1, column %2: not valid JSON: %3</source>
        <translation>第 %1 行第 %2 列：不是有效的 JSON：%3</translation>
    </message>
    <message>
        <source>a scenario file holds one JSON object</source>
        <translation>场景文件只含一个 JSON 对象</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; (name, months, changes)</source>
        <translation>未知的键“%1”（name、months、changes）</translation>
    </message>
    <message>
        <source>&quot;name&quot; is missing</source>
        <translation>缺少“name”</translation>
    </message>
    <message>
        <source>&quot;months&quot; must be from 1 to %1, not %2</source>
        <translation>“months”须为 1 到 %1，而不是 %2</translation>
    </message>
    <message>
        <source>&quot;changes&quot; must be a list</source>
        <translation>“changes”须为列表</translation>
    </message>
    <message>
        <source>%1 in %2 is already enabled: the change does nothing</source>
        <translation>%2 的 %1 已经启用：此变更不起作用</translation>
    </message>
    <message>
        <source>%1 in %2 is already disabled: the change does nothing</source>
        <translation>%2 的 %1 已经停用：此变更不起作用</translation>
    </message>
    <message>
        <source>the volume cannot fall by more than 100 %</source>
        <translation>调用量的降幅不能超过 100 %</translation>
    </message>
    <message>
        <source>choose the API the calls move from and the one they move to</source>
        <translation>请选择调用迁出的 API 和迁入的 API</translation>
    </message>
    <message>
        <source>calls cannot move from %1 to the same API</source>
        <translation>调用不能从 %1 迁移到同一个 API</translation>
    </message>
    <message>
        <source>choose a package size</source>
        <translation>请选择资源包规格</translation>
    </message>
    <message>
        <source>choose a package</source>
        <translation>请选择资源包</translation>
    </message>
    <message>
        <source>there is no package %1 that has not ended</source>
        <translation>没有尚未结束的资源包 %1</translation>
    </message>
    <message>
        <source>give the guard a name</source>
        <translation>请为守卫命名</translation>
    </message>
    <message>
        <source>the guard needs an amount such as 500.00, not &quot;%1&quot;</source>
        <translation>守卫需要一个金额，例如 500.00，而不是“%1”</translation>
    </message>
    <message>
        <source>choose a date</source>
        <translation>请选择日期</translation>
    </message>
    <message numerus="yes">
        <source>the date %1 is after the %n simulated month(s) (the last day is %2)</source>
        <translation>
            <numerusform>日期 %1 晚于模拟的 %n 个月（最后一天为 %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>package %1 is in force from %2: a package in force cannot be unsubscribed</source>
        <translation>资源包 %1 自 %2 起生效：已生效的资源包不能退订</translation>
    </message>
    <message>
        <source>%1 in %2 is already enabled then: the change does nothing</source>
        <translation>届时 %2 的 %1 已经启用：此变更不起作用</translation>
    </message>
    <message>
        <source>%1 in %2 is already disabled then: the change does nothing</source>
        <translation>届时 %2 的 %1 已经停用：此变更不起作用</translation>
    </message>
    <message>
        <source>cannot create a scratch folder for the dry run</source>
        <translation>无法为试运行创建临时文件夹</translation>
    </message>
    <message>
        <source>the dry run cannot replay the account from %1: it would have to make again &quot;%2&quot; of %3; try fewer days</source>
        <translation>试运行无法从 %1 起重放账户：它需要重做 %3 的“%2”；请减少天数</translation>
    </message>
    <message>
        <source>line %1: the call at %2 is earlier than calls read before it and its hour was settled already; nothing was imported. Import the file again</source>
        <translation>第 %1 行：%2 的调用早于之前读到的调用，且其所在小时已经结算；未导入任何内容。请重新导入该文件</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>amortized</source>
        <translation>摊销</translation>
    </message>
    <message>
        <source> / package %1</source>
        <translation> / 资源包 %1</translation>
    </message>
    <message>
        <source>the %1 from %2 (%3 view, %4)</source>
        <translation>自 %2 起的%1（%3视图，%4）</translation>
    </message>
    <message>
        <source>cost rollup of %1: %2 calls and %3 stored, but the records give %4 calls and %5</source>
        <translation>%1 的成本汇总：存储为 %2 次调用、%3，但交易记录得出 %4 次调用、%5</translation>
    </message>
    <message>
        <source>cost rollup of package %1: %2 calls covered and %3 given stored, but the records give %4 calls and %5</source>
        <translation>资源包 %1 的成本汇总：存储为已抵扣 %2 次调用、已分摊 %3，但交易记录得出 %4 次调用、%5</translation>
    </message>
    <message>
        <source>cost rollups: %1 more differ from the records</source>
        <translation>成本汇总：另有 %1 项与交易记录不符</translation>
    </message>
</context>
<context>
    <name>billing::mapping</name>
    <message>
        <source>YYYY-MM-DD HH:MM:SS at UTC%1</source>
        <translation>UTC%1 时区的 YYYY-MM-DD HH:MM:SS</translation>
    </message>
    <message>
        <source>whole seconds since 1970-01-01 00:00 UTC</source>
        <translation>自 1970-01-01 00:00 UTC 起的整秒数</translation>
    </message>
    <message>
        <source>whole milliseconds since 1970-01-01 00:00 UTC</source>
        <translation>自 1970-01-01 00:00 UTC 起的整毫秒数</translation>
    </message>
    <message>
        <source>must be a string or a number</source>
        <translation>须为字符串或数字</translation>
    </message>
    <message>
        <source>line %1: the column &quot;%2&quot; (%3) appears twice in the header</source>
        <translation>第 %1 行：列 “%2”（%3）在表头中出现了两次</translation>
    </message>
    <message>
        <source>line %1: the profile&apos;s column &quot;%2&quot; (%3) is not in the header; the header has %4</source>
        <translation>第 %1 行：配置中的列 “%2”（%3）不在表头中；表头包含 %4</translation>
    </message>
    <message>
        <source>column profile, %1: %2</source>
        <translation>列映射配置，%1：%2</translation>
    </message>
    <message>
        <source>must be an object of the file&apos;s columns and the fields they give</source>
        <translation>须为一个对象：文件的列及其对应的字段</translation>
    </message>
    <message>
        <source>must be a field id as a string, or &quot;ignore&quot;</source>
        <translation>须为字符串形式的字段 ID，或 “ignore”</translation>
    </message>
    <message>
        <source>unknown field %1; the fields are %2</source>
        <translation>未知字段 %1；可用字段为 %2</translation>
    </message>
    <message>
        <source>must be an object of fields, each a map of the file&apos;s values to catalog ids</source>
        <translation>须为一个对象：每个字段对应一个从文件取值到目录 ID 的映射</translation>
    </message>
    <message>
        <source>must be an object of the file&apos;s values and catalog ids</source>
        <translation>须为一个对象：文件取值及其目录 ID</translation>
    </message>
    <message>
        <source>must be a catalog id as a string</source>
        <translation>须为字符串形式的目录 ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>ISO 8601 with offset (2026-10-01T08:00:00+08:00)</source>
        <translation>带时区偏移的 ISO 8601（2026-10-01T08:00:00+08:00）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS in a UTC offset</source>
        <translation>指定 UTC 偏移下的 YYYY-MM-DD HH:MM:SS</translation>
    </message>
    <message>
        <source>Seconds since 1970 (Unix time)</source>
        <translation>自 1970 年起的秒数（Unix 时间）</translation>
    </message>
    <message>
        <source>Milliseconds since 1970</source>
        <translation>自 1970 年起的毫秒数</translation>
    </message>
    <message>
        <source>a column profile needs a name</source>
        <translation>列映射配置需要名称</translation>
    </message>
    <message>
        <source>the profile name %1 is longer than %2 characters</source>
        <translation>配置名称 %1 超过 %2 个字符</translation>
    </message>
    <message>
        <source>the profile name %1 contains a control character</source>
        <translation>配置名称 %1 包含控制字符</translation>
    </message>
    <message>
        <source>the field %1 is mapped twice (also from %2)</source>
        <translation>字段 %1 被映射了两次（另一次来自 %2）</translation>
    </message>
    <message>
        <source>the required field %1 is not mapped to a column</source>
        <translation>必填字段 %1 未映射到任何列</translation>
    </message>
    <message>
        <source>the field takes no value map; only the API and the region do</source>
        <translation>该字段不接受取值映射；只有 API 和区域可以</translation>
    </message>
    <message>
        <source>%1 is not an API id of the catalog</source>
        <translation>%1 不是目录中的 API ID</translation>
    </message>
    <message>
        <source>%1 is not a region id of the catalog</source>
        <translation>%1 不是目录中的区域 ID</translation>
    </message>
    <message>
        <source>column profile: not JSON: %1 at character %2</source>
        <translation>列映射配置：不是 JSON：第 %2 个字符处%1</translation>
    </message>
    <message>
        <source>column profile: not a JSON object</source>
        <translation>列映射配置：不是 JSON 对象</translation>
    </message>
    <message>
        <source>the key appears twice</source>
        <translation>该键出现了两次</translation>
    </message>
    <message>
        <source>unknown key; the keys are kind, columns, time_format, utc_offset and values</source>
        <translation>未知的键；可用的键为 kind、columns、time_format、utc_offset 和 values</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>（缺失）</translation>
    </message>
    <message>
        <source>use iso8601, local, epoch-seconds or epoch-milliseconds</source>
        <translation>请使用 iso8601、local、epoch-seconds 或 epoch-milliseconds</translation>
    </message>
    <message>
        <source>a local time needs its UTC offset, e.g. &quot;+08:00&quot;</source>
        <translation>本地时间需要指定 UTC 偏移，例如 “+08:00”</translation>
    </message>
    <message>
        <source>applies only to the time format &quot;local&quot;</source>
        <translation>仅适用于时间格式 “local”</translation>
    </message>
    <message>
        <source>the saved column profile &quot;%1&quot; is not usable: %2</source>
        <translation>已保存的列映射配置 “%1” 无法使用：%2</translation>
    </message>
    <message>
        <source>there is no column profile named &quot;%1&quot;; none is saved</source>
        <translation>没有名为 “%1” 的列映射配置；尚未保存任何配置</translation>
    </message>
    <message>
        <source>there is no column profile named &quot;%1&quot;; the profiles are %2</source>
        <translation>没有名为 “%1” 的列映射配置；现有配置为 %2</translation>
    </message>
    <message>
        <source>a column profile named &quot;%1&quot; exists already; replace it to save it again</source>
        <translation>名为 “%1” 的列映射配置已存在；要再次保存请选择替换</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>line %1: expected %2 fields as in the header, found %3</source>
        <translation>第 %1 行：按表头应有 %2 个字段，实际为 %3 个</translation>
    </message>
    <message>
        <source>line %1: not a JSON object: %2 at character %3</source>
        <translation>第 %1 行：不是 JSON 对象：第 %3 个字符处%2</translation>
    </message>
    <message>
        <source>line %1: not a JSON object</source>
        <translation>第 %1 行：不是 JSON 对象</translation>
    </message>
    <message>
        <source>line %1, field &quot;%2&quot;: the field appears twice in the object</source>
        <translation>第 %1 行，字段 “%2”：该字段在对象中出现了两次</translation>
    </message>
    <message>
        <source>Billing cycle</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Expenditure time</source>
        <translation>消费时间</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>账号名称</translation>
    </message>
    <message>
        <source>Service type</source>
        <translation>产品类型</translation>
    </message>
    <message>
        <source>API (product)</source>
        <translation>API（产品）</translation>
    </message>
    <message>
        <source>Billing mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Bill type</source>
        <translation>账单类型</translation>
    </message>
    <message>
        <source>Usage (calls)</source>
        <translation>使用量（调用次数）</translation>
    </message>
    <message>
        <source>List price</source>
        <translation>官网价</translation>
    </message>
    <message>
        <source>Truncated amount</source>
        <translation>抹零金额</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>%1 is not a kind of profile; use &quot;call-log&quot; or &quot;provider-bill&quot;</source>
        <translation>%1 不是列映射方案的类型；请使用 &quot;call-log&quot; 或 &quot;provider-bill&quot;</translation>
    </message>
</context>
<context>
    <name>billing::reconcile</name>
    <message>
        <source>%1: cannot be read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>a %1 row is not a charge</source>
        <translation>%1 行不是费用</translation>
    </message>
    <message>
        <source>unused package quota is not a charge</source>
        <translation>资源包未用完的额度不是费用</translation>
    </message>
    <message>
        <source>not an OCR API of the catalog: %1</source>
        <translation>不是价目表中的 OCR API：%1</translation>
    </message>
    <message>
        <source>no billing mode</source>
        <translation>没有计费模式</translation>
    </message>
    <message>
        <source>a %1 record is not a charge</source>
        <translation>%1 记录不是费用</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a month (YYYY-MM)</source>
        <translation>&quot;%1&quot; 不是月份（YYYY-MM）</translation>
    </message>
    <message>
        <source>the bill&apos;s total row</source>
        <translation>账单的合计行</translation>
    </message>
    <message>
        <source>%1: a bill export does not name its month; give it with --month</source>
        <translation>%1：导出的账单没有写明月份；请用 --month 指定</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an API of the catalog</source>
        <translation>&quot;%1&quot; 不是价目表中的 API</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a billing mode (pay-per-use, package)</source>
        <translation>&quot;%1&quot; 不是计费模式（按需、资源包）</translation>
    </message>
    <message>
        <source>the header lacks the columns of the profile &quot;%1&quot;</source>
        <translation>表头缺少列映射方案 &quot;%1&quot; 的列</translation>
    </message>
    <message>
        <source>not a bill: the header is not one of the provider&apos;s bills, a FOCUS file or the console&apos;s bill or transaction export; map its columns with a provider-bill profile (--profile)</source>
        <translation>不是账单：表头既不是服务商的账单，也不是 FOCUS 文件或本控制台导出的账单或交易记录；请用 provider-bill 列映射方案（--profile）映射其列</translation>
    </message>
    <message>
        <source>the sheet is empty</source>
        <translation>工作表为空</translation>
    </message>
    <message>
        <source>a call log, not a bill; import it with import-calls</source>
        <translation>这是调用日志，不是账单；请用 import-calls 导入</translation>
    </message>
    <message>
        <source>the amount is missing</source>
        <translation>缺少金额</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number of calls</source>
        <translation>&quot;%1&quot; 不是整数的调用次数</translation>
    </message>
    <message>
        <source>the bill is of the account &quot;%1&quot;, not of this account (&quot;%2&quot;); refused</source>
        <translation>该账单属于账号 &quot;%1&quot;，不是本账号（&quot;%2&quot;）；已拒绝</translation>
    </message>
    <message>
        <source>the bill is in %1, the account in %2; refused</source>
        <translation>账单币种为 %1，账号币种为 %2；已拒绝</translation>
    </message>
    <message>
        <source>the region is missing</source>
        <translation>缺少区域</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region of the catalog</source>
        <translation>&quot;%1&quot; 不是价目表中的区域</translation>
    </message>
    <message>
        <source>another service: %1</source>
        <translation>其他服务：%1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a bill type (usage, purchase, renewal, refund)</source>
        <translation>&quot;%1&quot; 不是账单类型（使用、新购、续订、退款）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a billing cycle (YYYY-MM)</source>
        <translation>&quot;%1&quot; 不是账期（YYYY-MM）</translation>
    </message>
    <message>
        <source>neither a billing cycle nor an expenditure time</source>
        <translation>既没有账期也没有消费时间</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1，第 %2 行</translation>
    </message>
    <message>
        <source>%1, line %2, column %3</source>
        <translation>%1，第 %2 行，第 %3 列</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount: its thousands separators are not in groups of three</source>
        <translation>&quot;%1&quot; 不是金额：千位分隔符没有按三位分组</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an amount (an exact decimal, at most 8 decimals)</source>
        <translation>&quot;%1&quot; 不是金额（应为精确小数，最多 8 位小数）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time (2020-08-23 22:00:00 GMT+08:00, 2020/07/02 08:36 or ISO 8601)</source>
        <translation>&quot;%1&quot; 不是时间（2020-08-23 22:00:00 GMT+08:00、2020/07/02 08:36 或 ISO 8601）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time</source>
        <translation>&quot;%1&quot; 不是时间</translation>
    </message>
    <message>
        <source>The reconciliation was cancelled.</source>
        <translation>对账已取消。</translation>
    </message>
    <message>
        <source>the file cannot be read to its end</source>
        <translation>无法读完该文件</translation>
    </message>
    <message>
        <source>UTF-16 text; save the file as UTF-8 (CSV UTF-8)</source>
        <translation>UTF-16 文本；请将文件另存为 UTF-8（CSV UTF-8）</translation>
    </message>
    <message>
        <source>a quoted field is not closed before the end of the file</source>
        <translation>带引号的字段到文件结尾仍未闭合</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>binary data, not a CSV text file</source>
        <translation>二进制数据，不是 CSV 文本文件</translation>
    </message>
    <message>
        <source>a quote inside a field that does not start with one</source>
        <translation>字段中间出现引号，但字段不是以引号开头</translation>
    </message>
    <message>
        <source>text after the closing quote of a field</source>
        <translation>字段的闭合引号之后还有文字</translation>
    </message>
    <message>
        <source>a field longer than 1 MiB</source>
        <translation>字段长度超过 1 MiB</translation>
    </message>
    <message>
        <source>not UTF-8 text; save the file as UTF-8 (CSV UTF-8)</source>
        <translation>不是 UTF-8 文本；请将文件另存为 UTF-8（CSV UTF-8）</translation>
    </message>
    <message>
        <source>a damaged archive entry: %1</source>
        <translation>压缩包中的条目已损坏：%1</translation>
    </message>
    <message>
        <source>Only in the provider&apos;s bill</source>
        <translation>仅在服务商账单中</translation>
    </message>
    <message>
        <source>Only in our records</source>
        <translation>仅在我方记录中</translation>
    </message>
    <message>
        <source>Usage missing from our logs</source>
        <translation>我方日志缺少用量</translation>
    </message>
    <message>
        <source>Usage the provider did not bill</source>
        <translation>服务商未计费的用量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Package coverage</source>
        <translation>资源包抵扣</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>时间差</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>抹零</translation>
    </message>
    <message>
        <source>reconcile needs at least one file</source>
        <translation>对账至少需要一个文件</translation>
    </message>
    <message>
        <source>the files hold no line of %1</source>
        <translation>这些文件中没有 %1 的任何明细</translation>
    </message>
    <message>
        <source>a damaged archive: entry %1 cannot be read</source>
        <translation>压缩包已损坏：无法读取第 %1 个条目</translation>
    </message>
    <message>
        <source>expands more than %1 times; refused as a possible ZIP bomb</source>
        <translation>解压后膨胀超过 %1 倍；疑为 ZIP 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>expands to more than %1 MiB; refused as a possible ZIP bomb</source>
        <translation>解压后超过 %1 MiB；疑为 ZIP 炸弹，已拒绝</translation>
    </message>
    <message>
        <source>a damaged ZIP archive or XLSX workbook (%1)</source>
        <translation>ZIP 压缩包或 XLSX 工作簿已损坏（%1）</translation>
    </message>
    <message>
        <source>a damaged XLSX workbook: it has no workbook part</source>
        <translation>XLSX 工作簿已损坏：缺少工作簿部件</translation>
    </message>
    <message>
        <source>not a CSV or XLSX file; an archive may hold only those</source>
        <translation>不是 CSV 或 XLSX 文件；压缩包中只能包含这两种文件</translation>
    </message>
    <message>
        <source>the archive holds no CSV or XLSX file</source>
        <translation>压缩包中没有 CSV 或 XLSX 文件</translation>
    </message>
    <message>
        <source>a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>a damaged XLSX workbook: it has no worksheet</source>
        <translation>XLSX 工作簿已损坏：没有工作表</translation>
    </message>
    <message>
        <source>%1 › sheet %2</source>
        <translation>%1 › 工作表 %2</translation>
    </message>
    <message>
        <source>a damaged XLSX workbook: %1</source>
        <translation>XLSX 工作簿已损坏：%1</translation>
    </message>
    <message>
        <source>a damaged XLSX workbook: shared string %1 does not exist</source>
        <translation>XLSX 工作簿已损坏：共享字符串 %1 不存在</translation>
    </message>
    <message>
        <source>%1: the file is empty</source>
        <translation>%1：文件为空</translation>
    </message>
</context>
<context>
    <name>billing::report</name>
    <message>
        <source>&quot;%1&quot; is not an export format: use csv, xlsx or pdf</source>
        <translation>“%1” 不是导出格式：请使用 csv、xlsx 或 pdf</translation>
    </message>
    <message>
        <source>unknown export format</source>
        <translation>未知的导出格式</translation>
    </message>
    <message>
        <source>the device refused the data</source>
        <translation>设备拒绝了数据</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>实扣金额</translation>
    </message>
    <message>
        <source>Rounded off</source>
        <translation>抹零金额</translation>
    </message>
    <message>
        <source>Paid by coupon</source>
        <translation>代金券支付</translation>
    </message>
    <message>
        <source>Paid by cash</source>
        <translation>现金支付</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>final</source>
        <translation>已出账</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未出账</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>amount, then currency code</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Amounts charged are truncated to the cent; the rounded-off total %1 is not charged.</source>
        <translation>扣费金额截断到分；抹零合计 %1 不收取。</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;: it is not a regular file</source>
        <translation>无法写入 “%1”：它不是普通文件</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;: %2</source>
        <translation>无法写入 “%1”：%2</translation>
    </message>
    <message>
        <source>OCR Billing Console</source>
        <translation>OCR 计费控制台</translation>
    </message>
    <message>
        <source>Bill for %1</source>
        <translation>%1 账单</translation>
    </message>
    <message>
        <source>Final since %1</source>
        <translation>自 %1 起已出账</translation>
    </message>
    <message>
        <source>Open, becomes final on %1</source>
        <translation>未出账，将于 %1 出账</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>No charges in this month.</source>
        <translation>本月无消费。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>List amount (fee)</source>
        <translation>应付金额（费用）</translation>
    </message>
    <message>
        <source>Rounded off, not charged</source>
        <translation>抹零金额，不收取</translation>
    </message>
    <message>
        <source>Amount charged</source>
        <translation>实扣金额</translation>
    </message>
    <message>
        <source>printing a bill needs a QGuiApplication</source>
        <translation>打印账单需要 QGuiApplication</translation>
    </message>
    <message>
        <source>the PDF writer could not start</source>
        <translation>PDF 写入器无法启动</translation>
    </message>
    <message>
        <source>the PDF writer could not add a page</source>
        <translation>PDF 写入器无法添加页面</translation>
    </message>
    <message>
        <source>Bill for %1, generated %2</source>
        <translation>%1 账单，生成于 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>the PDF writer could not finish the file</source>
        <translation>PDF 写入器无法完成文件</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;: the PDF export needs a QGuiApplication</source>
        <translation>无法写入 “%1”：PDF 导出需要 QGuiApplication</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>%1 — Bill for %2</source>
        <translation>%1 — %2 账单</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Final since</source>
        <translation>出账时间</translation>
    </message>
    <message>
        <source>Final on</source>
        <translation>出账日期</translation>
    </message>
    <message>
        <source>no temporary folder: %1</source>
        <translation>没有临时文件夹：%1</translation>
    </message>
    <message>
        <source>the XLSX writer could not start a workbook</source>
        <translation>XLSX 写入器无法创建工作簿</translation>
    </message>
    <message>
        <source>Generated %1</source>
        <translation>生成于 %1</translation>
    </message>
    <message>
        <source>the XLSX writer failed: %1</source>
        <translation>XLSX 写入器失败：%1</translation>
    </message>
    <message>
        <source>cannot write the audit log: %1</source>
        <translation>无法写入审计日志：%1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>a whole percentage</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Rounded-off ledger</source>
        <translation>抹零明细</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Chargeback</source>
        <translation>费用分摊</translation>
    </message>
    <message>
        <source>Chargeback by enterprise project</source>
        <translation>按企业项目分摊费用</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>直接费用</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>分摊费用</translation>
    </message>
    <message>
        <source>Shared package costs are split by the rule &quot;%1&quot; (largest remainder, to the cent); the statements add up to the bill&apos;s amount charged.</source>
        <translation>共享的资源包费用按规则“%1”分摊（最大余额法，精确到分）；各分摊单合计等于账单的实扣金额。</translation>
    </message>
    <message>
        <source>Chargeback statement: %1</source>
        <translation>费用分摊单：%1</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>费用项</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Share of package %1</source>
        <translation>资源包 %1 的分摊</translation>
    </message>
    <message>
        <source>Shared cost without a package</source>
        <translation>无资源包的共享费用</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Budgets against actual</source>
        <translation>预算与实际</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <source>No budgets.</source>
        <translation>没有预算。</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Anomalies of the month</source>
        <translation>本月异常</translation>
    </message>
    <message>
        <source>Main cause</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>No anomalies in this month.</source>
        <translation>本月没有异常。</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Reconciliation with the provider&apos;s bill</source>
        <translation>与服务商账单对账</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Not reconciled</source>
        <translation>未对账</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>已对账</translation>
    </message>
    <message>
        <source>Accepted by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Difference accepted</source>
        <translation>已接受的差额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Guards</source>
        <translation>守卫</translation>
    </message>
    <message>
        <source>Spend guards that fired</source>
        <translation>已触发的消费守卫</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>守卫</translation>
    </message>
    <message>
        <source>Fired at</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Services disabled</source>
        <translation>已关闭的服务</translation>
    </message>
    <message>
        <source>No guard fired in this month.</source>
        <translation>本月没有守卫触发。</translation>
    </message>
    <message>
        <source>Close pack for %1</source>
        <translation>%1 结账包</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>结账时间</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结账人</translation>
    </message>
    <message>
        <source>Audit chain head at closing</source>
        <translation>结账时审计链头哈希</translation>
    </message>
    <message>
        <source>Content hash (SHA-256 of %1)</source>
        <translation>内容哈希（%1 的 SHA-256）</translation>
    </message>
    <message>
        <source>--out %1 is not an existing folder</source>
        <translation>--out %1 不是已存在的文件夹</translation>
    </message>
    <message>
        <source>the folder %1 cannot be written</source>
        <translation>无法写入文件夹 %1</translation>
    </message>
    <message>
        <source>the close was cancelled; nothing was written</source>
        <translation>结账已取消；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot write into %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>no PDF writer</source>
        <translation>没有 PDF 写入器</translation>
    </message>
    <message>
        <source>cannot write &quot;%1&quot;</source>
        <translation>无法写入 “%1”</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结账</translation>
    </message>
</context>
<context>
    <name>billing::storage</name>
    <message>
        <source>the member %1 has an unknown role &quot;%2&quot;</source>
        <translation>成员 %1 的角色“%2”无法识别</translation>
    </message>
    <message>
        <source>a tag must have 1 to 64 characters</source>
        <translation>标签须为 1 到 64 个字符</translation>
    </message>
    <message>
        <source>the tag &quot;%1&quot; starts or ends with a space</source>
        <translation>标签 “%1” 首尾有空格</translation>
    </message>
    <message>
        <source>the tag &quot;%1&quot; contains a comma</source>
        <translation>标签 “%1” 含有逗号</translation>
    </message>
    <message>
        <source>the tag &quot;%1&quot; is reserved</source>
        <translation>标签 “%1” 为保留标签</translation>
    </message>
    <message>
        <source>a project name is required</source>
        <translation>须填写项目名称</translation>
    </message>
    <message>
        <source>the database is damaged (%1): %2</source>
        <translation>数据库已损坏（%1）：%2</translation>
    </message>
    <message>
        <source>database error while %1: %2</source>
        <translation>%1时发生数据库错误：%2</translation>
    </message>
    <message>
        <source>no account database at %1: run &quot;billingctl init&quot; first</source>
        <translation>%1 处没有账户数据库：请先运行 “billingctl init”</translation>
    </message>
    <message>
        <source>%1 is a directory, not a database file</source>
        <translation>%1 是文件夹，不是数据库文件</translation>
    </message>
    <message>
        <source>the folder %1 does not exist</source>
        <translation>文件夹 %1 不存在</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>无法打开数据库 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a billing database: %2</source>
        <translation>%1 不是计费数据库：%2</translation>
    </message>
    <message>
        <source>the database %1 was written by a newer version of the console (schema %2; this version reads up to %3); it was not changed</source>
        <translation>数据库 %1 由更新版本的控制台写入（结构版本 %2；本版本最高支持 %3）；未作任何更改</translation>
    </message>
    <message>
        <source>%1 is an SQLite database of another program, not a billing database</source>
        <translation>%1 是其他程序的 SQLite 数据库，不是计费数据库</translation>
    </message>
    <message>
        <source>the database %1 is read-only</source>
        <translation>数据库 %1 为只读</translation>
    </message>
    <message>
        <source>cannot configure the database %1: %2</source>
        <translation>无法配置数据库 %1：%2</translation>
    </message>
    <message>
        <source>the database does not allow this user to change the account (while %1): %2</source>
        <translation>数据库不允许此用户更改账户（%1 时）：%2</translation>
    </message>
    <message>
        <source>database error while %1: no id came back</source>
        <translation>%1 时数据库出错：未返回编号</translation>
    </message>
    <message>
        <source>%1 is not a PostgreSQL URL of the form postgresql://USER:PASSWORD@HOST:PORT/DBNAME</source>
        <translation>%1 不是 postgresql://用户:密码@主机:端口/数据库名 形式的 PostgreSQL 地址</translation>
    </message>
    <message>
        <source>Qt&apos;s PostgreSQL driver is not installed (Debian package libqt6sql6-psql)</source>
        <translation>未安装 Qt 的 PostgreSQL 驱动（Debian 软件包 libqt6sql6-psql）</translation>
    </message>
    <message>
        <source>the schema &quot;%1&quot; in %2 is not a plain SQL name</source>
        <translation>%2 中的模式“%1”不是合法的 SQL 名称</translation>
    </message>
    <message>
        <source>the setting &quot;%1&quot; in %2 is not a libpq connection setting</source>
        <translation>%2 中的设置“%1”不是 libpq 连接参数</translation>
    </message>
    <message>
        <source>cannot connect to the PostgreSQL database %1: %2</source>
        <translation>无法连接 PostgreSQL 数据库 %1：%2</translation>
    </message>
    <message>
        <source>the PostgreSQL database %1 has no schema to keep the account in: create it first (CREATE SCHEMA %2)</source>
        <translation>PostgreSQL 数据库 %1 中没有存放账户的模式：请先创建（CREATE SCHEMA %2）</translation>
    </message>
    <message>
        <source>cannot read the tables of %1: %2</source>
        <translation>无法读取 %1 的数据表：%2</translation>
    </message>
    <message>
        <source>the PostgreSQL database %1 holds tables of another program, not a billing account</source>
        <translation>PostgreSQL 数据库 %1 中是其他程序的数据表，不是计费账户</translation>
    </message>
    <message>
        <source>the PostgreSQL database %1 holds no account yet: run &quot;billingctl init&quot; first</source>
        <translation>PostgreSQL 数据库 %1 中还没有账户：请先运行“billingctl init”</translation>
    </message>
    <message>
        <source>cannot read the schema version of %1: %2</source>
        <translation>无法读取 %1 的结构版本：%2</translation>
    </message>
    <message>
        <source>another program is changing this account and held it for the %1 seconds waited; try again when it has finished, or close it</source>
        <translation>另一个程序正在修改此账户，在等待的 %1 秒内一直占用；请等它完成或将其关闭后重试</translation>
    </message>
    <message>
        <source>a budget named &quot;%1&quot; exists already</source>
        <translation>已存在名为 “%1” 的预算</translation>
    </message>
    <message>
        <source>%1 is not a billing database of this program (schema version %2; this program writes 0 to %3); it was not changed</source>
        <translation>%1 不是本程序的计费数据库（架构版本 %2；本程序写入的版本为 0 到 %3）；该数据库未被更改</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a device, pipe or socket); nothing was written</source>
        <translation>%1 不是普通文件（而是设备、管道或套接字）；未写入任何内容</translation>
    </message>
    <message>
        <source>%1 holds no account yet: run &quot;billingctl init&quot; first; it was not changed</source>
        <translation>%1 中还没有账户：请先运行 “billingctl init”；该文件未被更改</translation>
    </message>
    <message>
        <source>another program drew ids from %1 without holding the account&apos;s lock</source>
        <translation>另一个程序未持有账户锁就从 %1 取用了编号</translation>
    </message>
    <message>
        <source>the transaction records this filter matches add up to more than a sum can hold; choose fewer, e.g. one bill month or a shorter time range</source>
        <translation>此筛选条件匹配的交易记录合计超出了可容纳的范围；请减少范围，例如只选一个账单月或更短的时间段</translation>
    </message>
    <message>
        <source>a guard named &quot;%1&quot; exists already; remove it first</source>
        <translation>名为“%1”的守卫已存在；请先删除它</translation>
    </message>
    <message>
        <source>a scratch copy is a SQLite database</source>
        <translation>临时副本是 SQLite 数据库</translation>
    </message>
    <message>
        <source>the copy was cancelled</source>
        <translation>复制已取消</translation>
    </message>
    <message>
        <source>a cost rollup would add up to %1, more than the database can hold</source>
        <translation>成本汇总将累计为 %1，超出数据库可存储的范围</translation>
    </message>
    <message>
        <source>a transaction record was written before the account</source>
        <translation>在账户建立之前写入了交易记录</translation>
    </message>
</context>
<context>
    <name>billing::ui::AccountBar</name>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Arrears: %1 %2</source>
        <translation>欠费：%1 %2</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Every amount includes everything settled up to the end of the last full hour.</source>
        <translation>所有金额均包含截至上一个整点已结算的全部费用。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>You act as %1 in the role %2; actions your role may not take are not shown.</source>
        <translation>您以%2角色的 %1 身份操作；您的角色无权执行的操作不会显示。</translation>
    </message>
</context>
<context>
    <name>billing::ui::AllocationPage</name>
    <message>
        <source>Cost of the period</source>
        <translation>本期费用</translation>
    </message>
    <message>
        <source>Shared costs split</source>
        <translation>共享成本分摊方式</translation>
    </message>
    <message>
        <source>Proportional to covered calls</source>
        <translation>按覆盖的调用次数比例</translation>
    </message>
    <message>
        <source>Evenly over the projects</source>
        <translation>在各项目间平均分摊</translation>
    </message>
    <message>
        <source>Fixed percentages</source>
        <translation>固定比例</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>比例（%）</translation>
    </message>
    <message>
        <source>Split &amp;shared costs:</source>
        <translation>共享成本分摊(&amp;S)：</translation>
    </message>
    <message>
        <source>By enterprise project (double-click the tags to edit them)</source>
        <translation>按企业项目（双击标签可编辑）</translation>
    </message>
    <message>
        <source>By cost tag (a project with several tags counts in each)</source>
        <translation>按成本标签（有多个标签的项目在每个标签下都计入）</translation>
    </message>
    <message>
        <source>Cost allocation</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <source>Could not store the tags.</source>
        <translation>无法保存标签。</translation>
    </message>
    <message>
        <source>“%1” is not a percentage for %2: use 0 to 100 with up to 2 decimals.</source>
        <translation>“%1” 不是 %2 的有效百分比：请填写 0 到 100，最多 2 位小数。</translation>
    </message>
    <message>
        <source>The percentages add up to %1 %; they must add up to exactly 100 %.</source>
        <translation>百分比合计为 %1 %；必须恰好为 100 %。</translation>
    </message>
    <message>
        <source>Could not allocate the cost.</source>
        <translation>无法分摊成本。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No package purchases in this period: nothing shared to split.</source>
        <translation>本期没有购买资源包：没有需要分摊的共享成本。</translation>
    </message>
    <message>
        <source>Package purchases %1 = %2</source>
        <translation>资源包购买 %1 = %2</translation>
    </message>
    <message>
        <source>Fixed shares by project</source>
        <translation>各项目的固定比例</translation>
    </message>
    <message>
        <source>Cost by enterprise project</source>
        <translation>按企业项目的费用</translation>
    </message>
    <message>
        <source>F2 edits the cost tags of the selected project.</source>
        <translation>按 F2 编辑所选项目的成本标签。</translation>
    </message>
    <message>
        <source>Cost by cost tag</source>
        <translation>按成本标签的费用</translation>
    </message>
</context>
<context>
    <name>billing::ui::AnalysisPage</name>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Cash (when paid)</source>
        <translation>现金口径（按支付时间）</translation>
    </message>
    <message>
        <source>Amortized (when used)</source>
        <translation>摊销口径（按使用时间）</translation>
    </message>
    <message>
        <source>Stacked</source>
        <translation>堆叠</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>折线</translation>
    </message>
    <message>
        <source>C&amp;umulative</source>
        <translation>累计(&amp;U)</translation>
    </message>
    <message>
        <source>Total of the period</source>
        <translation>本期合计</translation>
    </message>
    <message>
        <source>Month-end forecast</source>
        <translation>月末预测</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>top </source>
        <translation>前 </translation>
    </message>
    <message>
        <source>Add &amp;filter</source>
        <translation>添加筛选(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Save view…</source>
        <translation>保存视图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Delete view</source>
        <translation>删除视图(&amp;D)</translation>
    </message>
    <message>
        <source>Export c&amp;hart…</source>
        <translation>导出图表(&amp;H)…</translation>
    </message>
    <message>
        <source>Export &amp;table (CSV)…</source>
        <translation>导出表格 (CSV)(&amp;T)…</translation>
    </message>
    <message>
        <source>Show t&amp;able</source>
        <translation>显示表格(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Granularity:</source>
        <translation>粒度(&amp;G)：</translation>
    </message>
    <message>
        <source>Group &amp;by:</source>
        <translation>分组依据(&amp;B)：</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>视图(&amp;V)：</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Saved vie&amp;ws:</source>
        <translation>已保存的视图(&amp;W)：</translation>
    </message>
    <message>
        <source>Cost analysis</source>
        <translation>成本分析</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>(current settings)</source>
        <translation>（当前设置）</translation>
    </message>
    <message>
        <source>Could not analyse the cost.</source>
        <translation>无法分析成本。</translation>
    </message>
    <message>
        <source>All costs</source>
        <translation>全部费用</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 次调用</translation>
    </message>
    <message>
        <source>%1, %2 view</source>
        <translation>%1，%2视图</translation>
    </message>
    <message>
        <source>likely %1 – %2; %3 so far</source>
        <translation>预计 %1 – %2；目前 %3</translation>
    </message>
    <message>
        <source>%1 so far; an interval needs 3 complete days</source>
        <translation>目前 %1；预测区间需要 3 个完整天</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>无法导出图表。</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export the table.</source>
        <translation>无法导出表格。</translation>
    </message>
    <message>
        <source>The chart&apos;s numbers as a table (its text alternative)</source>
        <translation>以表格显示图表数据（图表的文字替代）</translation>
    </message>
    <message>
        <source>Series shown</source>
        <translation>显示的系列数</translation>
    </message>
    <message>
        <source>How many series the chart draws; the rest are summed as others.</source>
        <translation>图表绘制的系列数量；其余合并为“其他”。</translation>
    </message>
    <message>
        <source>Then group by</source>
        <translation>再按以下维度分组</translation>
    </message>
    <message>
        <source>Cost chart</source>
        <translation>费用图表</translation>
    </message>
    <message>
        <source>Chart data</source>
        <translation>图表数据</translation>
    </message>
    <message>
        <source>The numbers of the cost chart, one row per period and one column per series.</source>
        <translation>费用图表的数据，每行一个期间，每列一个系列。</translation>
    </message>
    <message>
        <source>%1 by %2, %3, total %4: %5. The same numbers are in the table that “Show table” (Alt+A) opens.</source>
        <translation>按%2的%1，%3，合计 %4：%5。相同数据见“显示表格”（Alt+A）打开的表格。</translation>
    </message>
    <message>
        <source>Unit cost per 1,000 calls</source>
        <translation>每千次调用单位成本</translation>
    </message>
    <message>
        <source>%1 %2 per 1,000 calls</source>
        <translation>每千次调用 %1 %2</translation>
    </message>
    <message>
        <source>— (no billable calls)</source>
        <translation>—（无计费调用）</translation>
    </message>
    <message>
        <source>exactly %1; %2, %3 view</source>
        <translation>精确值 %1；%2，%3视图</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Export &amp;FOCUS cost and usage data…</source>
        <translation>导出 FOCUS 成本和用量数据(&amp;F)…</translation>
    </message>
</context>
<context>
    <name>billing::ui::AnomaliesPage</name>
    <message>
        <source>Filter by day, API, region, project or cause</source>
        <translation>按日期、API、区域、项目或原因筛选</translation>
    </message>
    <message>
        <source>Filter anomalies</source>
        <translation>筛选异常</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Daily cost with its baseline band</source>
        <translation>每日费用及其基线区间</translation>
    </message>
    <message>
        <source>The daily cost of the selected anomaly&apos;s API, region and project with its baseline band; the table above lists every anomaly.</source>
        <translation>所选异常对应 API、区域和项目的每日费用及其基线区间；上方表格列出全部异常。</translation>
    </message>
    <message>
        <source>A day is anomalous when its cost leaves the band around the median of the same weekday in the 4 weeks before: more than 3 × 1.4826 × MAD, half the baseline and 1.00 away from it.</source>
        <translation>当某天的费用偏离前 4 周同一星期几费用中位数的区间时即为异常：偏离幅度超过 3 × 1.4826 × 中位数绝对偏差、基线的一半以及 1.00。</translation>
    </message>
    <message numerus="yes">
        <source>%n anomalies</source>
        <translation>
            <numerusform>%n 个异常</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not look for anomalies.</source>
        <translation>无法检测异常。</translation>
    </message>
    <message>
        <source>No anomalies in this period.</source>
        <translation>此期间没有异常。</translation>
    </message>
    <message>
        <source>Could not read the daily costs.</source>
        <translation>无法读取每日费用。</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1，%2，%3</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>费用（%1）</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>Daily cost of %1 in %2 for project %3 over the weeks around %4, with the baseline band. That day cost %5 against a baseline of %6; the table above lists every anomaly with its figures.</source>
        <translation>%1 在 %2、项目 %3 于 %4 前后数周的每日费用及基线区间。当天费用 %5，基线为 %6；上方表格列出全部异常及其数据。</translation>
    </message>
    <message>
        <source>Show &amp;records…</source>
        <translation>显示记录(&amp;R)…</translation>
    </message>
    <message>
        <source>The transaction records behind the selected anomaly: that day&apos;s usage of its API, region and project</source>
        <translation>所选异常背后的交易记录：其 API、区域和项目当天的用量</translation>
    </message>
    <message>
        <source>Causes of the difference</source>
        <translation>差额的成因</translation>
    </message>
    <message>
        <source>A waterfall from the reference day&apos;s cost through each cause to the day&apos;s cost; the causes table below it has the same steps. Click a bar to show the records behind it.</source>
        <translation>瀑布图：从参照日的费用经过各项成因到当日的费用；下方的成因表列出相同的步骤。点击柱条可显示其背后的记录。</translation>
    </message>
    <message>
        <source>Causes</source>
        <translation>成因</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>%1: %2
Click to show %3.</source>
        <translation>%1：%2
点击显示%3。</translation>
    </message>
    <message>
        <source>Ref. day
%1</source>
        <comment>waterfall axis: the reference day, short</comment>
        <translation>参照日
%1</translation>
    </message>
    <message>
        <source>This day
%1</source>
        <comment>waterfall axis: the anomalous day, short</comment>
        <translation>当日
%1</translation>
    </message>
</context>
<context>
    <name>billing::ui::AnomalyCauseModel</name>
    <message>
        <source>Reference day %1</source>
        <translation>参照日 %1</translation>
    </message>
    <message>
        <source>This day %1</source>
        <translation>当日 %1</translation>
    </message>
    <message>
        <source>every usage line of the day&apos;s cost</source>
        <translation>构成当日费用的全部用量记录</translation>
    </message>
    <message>
        <source>the day&apos;s usage lines billed on time</source>
        <translation>当日按时计费的用量记录</translation>
    </message>
    <message>
        <source>the day&apos;s lines a package covered</source>
        <translation>当日由资源包抵扣的记录</translation>
    </message>
    <message>
        <source>the day&apos;s pay-per-use lines, with their tiers</source>
        <translation>当日按需计费的记录及其阶梯</translation>
    </message>
    <message>
        <source>the day&apos;s pay-per-use lines, with their prices</source>
        <translation>当日按需计费的记录及其单价</translation>
    </message>
    <message>
        <source>the late lines counted in the day</source>
        <translation>计入当日的迟到记录</translation>
    </message>
    <message>
        <source>Press Enter or double-click to show %1 on the Transactions page</source>
        <translation>按回车键或双击，在交易记录页显示%1</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>面额（%1）</translation>
    </message>
    <message>
        <source>Records shown</source>
        <translation>显示的记录</translation>
    </message>
</context>
<context>
    <name>billing::ui::AnomalyModel</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 against the reference day %2 (cost %3, %4 billable and %5 failed calls; this day %6 and %7): difference %8 = %9.</source>
        <translation>%1 与参照日 %2 相比（参照日费用 %3，计费调用 %4 次、失败 %5 次；当天 %6 次和 %7 次）：差额 %8 = %9。</translation>
    </message>
    <message>
        <source>Rise: %1</source>
        <translation>上升：%1</translation>
    </message>
    <message>
        <source>Drop: %1</source>
        <translation>下降：%1</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>费用（%1）</translation>
    </message>
    <message>
        <source>Baseline (%1)</source>
        <translation>基线（%1）</translation>
    </message>
    <message>
        <source>Difference (%1)</source>
        <translation>差额（%1）</translation>
    </message>
    <message>
        <source>Main cause</source>
        <translation>主要原因</translation>
    </message>
</context>
<context>
    <name>billing::ui::AuditPage</name>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Entries from the start of this day</source>
        <translation>自当天开始的条目</translation>
    </message>
    <message>
        <source>Entries up to the end of this day</source>
        <translation>截至当天结束的条目</translation>
    </message>
    <message>
        <source>Select an entry to see what it recorded.</source>
        <translation>选择一个条目以查看其记录的内容。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>操作(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Who:</source>
        <translation>操作人(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>Could not read the audit log.</source>
        <translation>无法读取审计日志。</translation>
    </message>
    <message>
        <source>Chain not checked: %1</source>
        <translation>未校验链：%1</translation>
    </message>
    <message>
        <source>✔ Chain verified: every entry follows the one before it and none was altered or removed.</source>
        <translation>✔ 链已校验：每个条目都接续上一条，没有条目被修改或删除。</translation>
    </message>
    <message>
        <source>✖ Chain broken: %1</source>
        <translation>✖ 链已断开：%1</translation>
    </message>
    <message>
        <source>Could not export the audit log.</source>
        <translation>无法导出审计日志。</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking the chain…</source>
        <translation>正在校验链…</translation>
    </message>
    <message>
        <source>Entry %1 by %2: %3 on %4

Before:
%5

After:
%6

Hash: %7
Previous: %8</source>
        <translation>条目 %1，操作人 %2：%3，对象 %4

之前：
%5

之后：
%6

哈希：%7
上一条：%8</translation>
    </message>
    <message>
        <source>(first entry)</source>
        <translation>（第一条）</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计日志条目</translation>
    </message>
</context>
<context>
    <name>billing::ui::AuditTableModel</name>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 → (none)</source>
        <translation>%1：%2 → （无）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>On what</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>之前 → 之后</translation>
    </message>
</context>
<context>
    <name>billing::ui::AutoRenewDialog</name>
    <message>
        <source>Renew &amp;automatically before the term ends</source>
        <translation>在期限结束前自动续费(&amp;A)</translation>
    </message>
    <message>
        <source>Auto-renew package %1</source>
        <translation>资源包 %1 自动续费</translation>
    </message>
    <message>
        <source> days before expiry</source>
        <translation> 天（到期前）</translation>
    </message>
    <message>
        <source>Size to renew as</source>
        <translation>续费规格</translation>
    </message>
    <message>
        <source>The first attempt is at 03:00 on that day, then daily until it succeeds or the term has ended. Each attempt renews as the size chosen here, for this and every later term until you change it, and pays from coupons and cash; an attempt that cannot be paid fails without arrears.</source>
        <translation>首次尝试在当天 03:00 进行，之后每天一次，直到成功或期限结束。每次尝试都按此处选择的规格续费（本期及之后各期，直到您更改为止），并由代金券和现金支付；无法支付的尝试会失败，但不会产生欠费。</translation>
    </message>
    <message>
        <source>&amp;First attempt:</source>
        <translation>首次尝试(&amp;F)：</translation>
    </message>
    <message>
        <source>Renew &amp;as:</source>
        <translation>续费规格(&amp;A)：</translation>
    </message>
    <message>
        <source>Each attempt pays:</source>
        <translation>每次尝试支付：</translation>
    </message>
    <message>
        <source>Next term:</source>
        <translation>下一期：</translation>
    </message>
    <message>
        <source>Today&apos;s funds:</source>
        <translation>当前资金：</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Auto-renew is off: the package expires at the end of its term.</source>
        <translation>自动续费已关闭：资源包将在期限结束时到期。</translation>
    </message>
    <message>
        <source>%1 for %2 calls (%3), at today&apos;s prices</source>
        <translation>%1，%2 次调用（%3），按当前价格</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Not enough today: %1</source>
        <translation>当前不足：%1</translation>
    </message>
    <message>
        <source>Covered: %1 from coupons, %2 from cash, balance after %3</source>
        <translation>足够：代金券抵扣 %1，现金支付 %2，支付后余额 %3</translation>
    </message>
</context>
<context>
    <name>billing::ui::BillMapping</name>
    <message>
        <source>Provider product names of the catalog&apos;s APIs</source>
        <translation>目录中各 API 的服务商产品名称</translation>
    </message>
    <message>
        <source>Name or code in the provider&apos;s bill</source>
        <translation>服务商账单中的名称或编码</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>API id</source>
        <translation>API 标识</translation>
    </message>
    <message>
        <source>A row is read when its product is one of these names, the catalog&apos;s API id or name, or a value mapped above; rows of any other product, or whose service type is not %1, are ignored and counted, not refused.</source>
        <translation>产品为上述名称之一、目录中的 API 标识或名称、或上方已映射的值时，该行被读取；其他产品的行，或产品类型编码不是 %1 的行，将被忽略并计数，而不是被拒绝。</translation>
    </message>
    <message>
        <source>Times as the provider writes them: 2020-08-23 22:00:00 GMT+08:00, a period start-end (its start counts), 2020/07/02 08:36 (UTC+8, the provider&apos;s cycles) or ISO 8601 with an offset. Amounts are exact decimals with a point, with or without thousands separators (1,234.50), at most 8 decimals. Billing cycles as YYYY-MM.</source>
        <translation>时间按服务商的写法读取：2020-08-23 22:00:00 GMT+08:00、“开始-结束”时段（以开始时间为准）、2020/07/02 08:36（UTC+8，服务商的账期时区）或带时区偏移的 ISO 8601。金额为以小数点分隔的精确小数，可带或不带千位分隔符（1,234.50），最多 8 位小数。账期格式为 YYYY-MM。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Rounded off</source>
        <translation>抹零金额</translation>
    </message>
    <message>
        <source>Ignored or problem</source>
        <translation>忽略原因或问题</translation>
    </message>
    <message>
        <source>ignored: %1</source>
        <translation>已忽略：%1</translation>
    </message>
</context>
<context>
    <name>billing::ui::BillTableModel</name>
    <message>
        <source>%1%2 %</source>
        <comment>sign, number, percent</comment>
        <translation>%1%2 %</translation>
    </message>
    <message>
        <source>%1 (previous month only)</source>
        <translation>%1（仅上月）</translation>
    </message>
    <message>
        <source>Exact: %1 %2</source>
        <translation>精确值：%1 %2</translation>
    </message>
    <message>
        <source>Only the previous month had this line</source>
        <translation>仅上月有此明细行</translation>
    </message>
    <message>
        <source>Double-click or press Enter to list the transactions of this line</source>
        <translation>双击或按 Enter 列出此行的交易记录</translation>
    </message>
    <message>
        <source>List amount: the exact fee, before truncation to the cent</source>
        <translation>应付金额：截断到分之前的精确费用</translation>
    </message>
    <message>
        <source>Fee minus amount due: what truncation to the cent took off (not charged)</source>
        <translation>费用减去实扣金额：截断到分时抹去的部分（不收取）</translation>
    </message>
    <message>
        <source>Amount due: the fee truncated to the cent</source>
        <translation>实扣金额：截断到分后的费用</translation>
    </message>
    <message>
        <source>Amount due of the same API, region and mode in the previous month</source>
        <translation>上月相同 API、区域和计费模式的实扣金额</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Billing
mode</source>
        <translation>计费
模式</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>List amount
(%1)</source>
        <translation>应付金额
（%1）</translation>
    </message>
    <message>
        <source>Rounded off
(%1)</source>
        <translation>抹零金额
（%1）</translation>
    </message>
    <message>
        <source>Amount due
(%1)</source>
        <translation>实扣金额
（%1）</translation>
    </message>
    <message>
        <source>Paid by coupon
(%1)</source>
        <translation>代金券支付
（%1）</translation>
    </message>
    <message>
        <source>Paid by cash
(%1)</source>
        <translation>现金支付
（%1）</translation>
    </message>
    <message>
        <source>Arrears
(%1)</source>
        <translation>欠费
（%1）</translation>
    </message>
    <message>
        <source>Previous month
(%1)</source>
        <translation>上月
（%1）</translation>
    </message>
    <message>
        <source>Change
(%1)</source>
        <translation>变化
（%1）</translation>
    </message>
    <message>
        <source>Change
%</source>
        <translation>变化
%</translation>
    </message>
</context>
<context>
    <name>billing::ui::BillingModeWizard</name>
    <message>
        <source>&amp;Buy a package of this size:</source>
        <translation>购买此规格的资源包(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Keep the mode as it is</source>
        <translation>保持当前计费模式(&amp;K)</translation>
    </message>
    <message>
        <source>Change billing mode</source>
        <translation>变更计费模式</translation>
    </message>
    <message>
        <source>Which service</source>
        <translation>选择服务</translation>
    </message>
    <message>
        <source>The billing mode is per API and region: package while a package is in force with quota left, otherwise pay-per-use.</source>
        <translation>计费模式按 API 和区域设置：有生效中且有剩余额度的资源包时按资源包计费，否则按需计费。</translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation>API(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>Current mode:</source>
        <translation>当前计费模式：</translation>
    </message>
    <message>
        <source>What the last 30 days would cost</source>
        <translation>近 30 天的费用对比</translation>
    </message>
    <message>
        <source>The real usage of the last 30 days, priced as one month under each option.</source>
        <translation>以近 30 天的实际用量，按各方案计算一个月的费用。</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>切换</translation>
    </message>
    <message>
        <source>Pay-per-use → package is buying a package; package → pay-per-use is letting it run out or unsubscribing one not yet in force.</source>
        <translation>按需计费 → 资源包即购买资源包；资源包 → 按需计费即让资源包到期，或退订尚未生效的资源包。</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Package: %1 (package %2, %3 of %4 calls left, until %5)</source>
        <translation>资源包：%1（资源包 %2，剩余 %3 次，共 %4 次，有效期至 %5）</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Billable calls in the last 30 days: %1</source>
        <translation>近 30 天计费调用次数：%1</translation>
    </message>
    <message>
        <source>Cheapest at this volume: %1, %2 %3 a month.</source>
        <translation>此用量下最省钱：%1，每月 %2 %3。</translation>
    </message>
    <message>
        <source>%1 — %2 a month at this volume</source>
        <translation>%1 — 此用量下每月 %2</translation>
    </message>
    <message>
        <source>Let package %1 &amp;run out: switch its auto-renew off</source>
        <translation>让资源包 %1 到期(&amp;R)：关闭其自动续费</translation>
    </message>
    <message>
        <source>Let the package &amp;run out (no package renews automatically)</source>
        <translation>让资源包到期(&amp;R)（没有自动续费的资源包）</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe package %1, not yet in force (full refund)</source>
        <translation>退订尚未生效的资源包 %1(&amp;U)（全额退款）</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe a package not yet in force (there is none)</source>
        <translation>退订尚未生效的资源包(&amp;U)（当前没有）</translation>
    </message>
    <message>
        <source>Auto-renew was not changed</source>
        <translation>自动续费未更改</translation>
    </message>
    <message>
        <source>Billing mode options</source>
        <translation>计费模式方案</translation>
    </message>
</context>
<context>
    <name>billing::ui::BillsPage</name>
    <message>
        <source>E&amp;xact amounts (8 decimals)</source>
        <translation>精确金额（8 位小数）(&amp;X)</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>实扣金额</translation>
    </message>
    <message>
        <source>List amount</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>Rounded off</source>
        <translation>抹零金额</translation>
    </message>
    <message>
        <source>Paid by coupon / cash</source>
        <translation>代金券 / 现金支付</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Versus previous month</source>
        <translation>较上月</translation>
    </message>
    <message>
        <source>No bills yet</source>
        <translation>暂无账单</translation>
    </message>
    <message>
        <source>A bill sums the charges of one month. Import call records (File › Import call records…, Ctrl+I) or buy a package, and the month&apos;s bill appears here.</source>
        <translation>账单汇总一个月的全部扣费。导入调用记录（文件 › 导入调用记录…，Ctrl+I）或购买资源包后，当月账单即显示在这里。</translation>
    </message>
    <message>
        <source>Previous month (Alt+Left)</source>
        <translation>上个月 (Alt+Left)</translation>
    </message>
    <message>
        <source>Next month (Alt+Right)</source>
        <translation>下个月 (Alt+Right)</translation>
    </message>
    <message>
        <source>Show list amounts and rounded-off amounts with all 8 decimals</source>
        <translation>以完整的 8 位小数显示应付金额和抹零金额</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>As &amp;CSV…</source>
        <translation>导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>As E&amp;xcel workbook (XLSX)…</source>
        <translation>导出为 Excel 工作簿 (XLSX)(&amp;X)…</translation>
    </message>
    <message>
        <source>As &amp;PDF…</source>
        <translation>导出为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>账期(&amp;M)：</translation>
    </message>
    <message>
        <source>Double-click a line or press Enter to see its transactions; from a usage line, open the calls behind it.</source>
        <translation>双击明细行或按 Enter 查看其交易记录；在用量明细行上可打开其背后的调用。</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Could not load the bill.</source>
        <translation>无法加载账单。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Final&lt;/b&gt; since %1</source>
        <translation>&lt;b&gt;已出账&lt;/b&gt;，出账时间 %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open&lt;/b&gt; — becomes final on %1</source>
        <translation>&lt;b&gt;未出账&lt;/b&gt; — 将于 %1 出账</translation>
    </message>
    <message>
        <source>Nothing in a final month changes again; corrections go into the open month.</source>
        <translation>已出账月份不再变动；调整计入未出账的月份。</translation>
    </message>
    <message>
        <source>Charges of this month can still arrive until it becomes final.</source>
        <translation>本月出账前仍可能产生新的扣费。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n line(s), %1 calls</source>
        <translation>
            <numerusform>%n 条明细，%1 次调用</numerusform>
        </translation>
    </message>
    <message>
        <source>not charged</source>
        <translation>不收取</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1%2 (%3)</source>
        <translation>%1%2（%3）</translation>
    </message>
    <message>
        <source>%1 due in %2</source>
        <translation>%2 应付 %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Export the bill of %1</source>
        <translation>导出 %1 的账单</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Could not export the bill.</source>
        <translation>无法导出账单。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Bill for %1</source>
        <translation>%1 账单</translation>
    </message>
    <message>
        <source>Could not print the bill.</source>
        <translation>无法打印账单。</translation>
    </message>
    <message>
        <source>Bill lines</source>
        <translation>账单明细</translation>
    </message>
    <message>
        <source>One line per API, region and billing mode; Enter opens the transactions of the selected line.</source>
        <translation>每个 API、区域和计费模式一行；按 Enter 打开所选明细行的交易记录。</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>&amp;FOCUS cost and usage data…</source>
        <translation>FOCUS 成本和用量数据(&amp;F)…</translation>
    </message>
    <message>
        <source> · &lt;b&gt;Reconciled&lt;/b&gt;</source>
        <translation> · &lt;b&gt;已对账&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>billing::ui::BudgetModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Likely between %1 and %2</source>
        <translation>预计在 %1 到 %2 之间</translation>
    </message>
    <message>
        <source>An interval needs 3 complete days of the month</source>
        <translation>预测区间需要本月 3 个完整天的数据</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Monthly amount (%1)</source>
        <translation>每月金额（%1）</translation>
    </message>
    <message>
        <source>Alerts on spend</source>
        <translation>实际支出告警</translation>
    </message>
    <message>
        <source>Alerts on forecast</source>
        <translation>预测支出告警</translation>
    </message>
    <message>
        <source>Spent this month (%1)</source>
        <translation>本月已支出（%1）</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用比例</translation>
    </message>
    <message>
        <source>Month-end forecast (%1)</source>
        <translation>月末预测（%1）</translation>
    </message>
    <message>
        <source>Forecast used</source>
        <translation>预测使用比例</translation>
    </message>
    <message>
        <source>Every charge of the account</source>
        <translation>账户的全部费用</translation>
    </message>
    <message>
        <source>Only the charges of %1</source>
        <translation>仅计 %1 的费用</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>适用范围</translation>
    </message>
</context>
<context>
    <name>billing::ui::BudgetsPage</name>
    <message>
        <source>&amp;New budget</source>
        <translation>新建预算(&amp;N)</translation>
    </message>
    <message>
        <source>e.g. OCR total</source>
        <translation>例如：OCR 总额</translation>
    </message>
    <message>
        <source>e.g. 1500.00</source>
        <translation>例如：1500.00</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Amount a month:</source>
        <translation>每月金额(&amp;A)：</translation>
    </message>
    <message>
        <source>Alert at % of &amp;spend:</source>
        <translation>实际支出达到 % 时告警(&amp;S)：</translation>
    </message>
    <message>
        <source>Alert at % of &amp;forecast:</source>
        <translation>预测支出达到 % 时告警(&amp;F)：</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Give the budget a name.</source>
        <translation>请为预算命名。</translation>
    </message>
    <message>
        <source>The amount must be a positive number with at most 2 decimals, e.g. 1500.00.</source>
        <translation>金额须为最多 2 位小数的正数，例如 1500.00。</translation>
    </message>
    <message>
        <source>&amp;Save changes to “%1”</source>
        <translation>保存对“%1”的更改(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Remove budget “%1”</source>
        <translation>删除预算“%1”(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add budget</source>
        <translation>添加预算(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove budget</source>
        <translation>删除预算(&amp;R)</translation>
    </message>
    <message>
        <source>Could not store the budget.</source>
        <translation>无法保存预算。</translation>
    </message>
    <message>
        <source>Could not remove the budget.</source>
        <translation>无法删除预算。</translation>
    </message>
    <message>
        <source>Could not load the budgets.</source>
        <translation>无法加载预算。</translation>
    </message>
    <message>
        <source>Scope: the budget counts the charges of the values selected below. A list with nothing selected counts all its values; with nothing selected anywhere, the budget is for the whole account.</source>
        <translation>适用范围：预算计入下方所选值的费用。某一列表未选任何值时计入其全部值；全部列表都未选时，预算适用于整个账户。</translation>
    </message>
    <message>
        <source>Each threshold alerts once a month per scope, in Notifications. The cumulative view of Analysis (this month) draws the budgets whose scope its filters select as lines.</source>
        <translation>每个阈值在每个适用范围内每月只告警一次，显示在“通知”中。“分析”的累计视图（本月）会把适用范围与其筛选条件相符的预算画成线。</translation>
    </message>
</context>
<context>
    <name>billing::ui::BuyDialog</name>
    <message>
        <source>&amp;Now</source>
        <translation>立即生效(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Later, at</source>
        <translation>稍后生效(&amp;L)，时间</translation>
    </message>
    <message>
        <source>Renew &amp;automatically</source>
        <translation>自动续费(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Top up first…</source>
        <translation>先充值(&amp;T)…</translation>
    </message>
    <message>
        <source>Buy a package</source>
        <translation>购买资源包</translation>
    </message>
    <message>
        <source>%1 — %2 calls</source>
        <translation>%1 — %2 次调用</translation>
    </message>
    <message>
        <source> days before expiry</source>
        <translation> 天（到期前）</translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation>API(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>规格(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Quantity:</source>
        <translation>数量(&amp;Q)：</translation>
    </message>
    <message>
        <source>Effective:</source>
        <translation>生效时间：</translation>
    </message>
    <message>
        <source>Auto-renew:</source>
        <translation>自动续费：</translation>
    </message>
    <message>
        <source>What it costs</source>
        <translation>费用明细</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>价格：</translation>
    </message>
    <message>
        <source>From coupons:</source>
        <translation>代金券抵扣：</translation>
    </message>
    <message>
        <source>From cash:</source>
        <translation>现金支付：</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>支付后余额：</translation>
    </message>
    <message>
        <source>Term:</source>
        <translation>有效期：</translation>
    </message>
    <message>
        <source>&amp;Buy</source>
        <translation>购买(&amp;B)</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (%2 × %3)</source>
        <translation>%1（%2 × %3）</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Effective time</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Days before expiry</source>
        <translation>到期前天数</translation>
    </message>
</context>
<context>
    <name>billing::ui::CalculatorPage</name>
    <message>
        <source>&amp;API:</source>
        <translation>API(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Calls a month:</source>
        <translation>每月调用次数(&amp;C)：</translation>
    </message>
    <message>
        <source>Price calculator</source>
        <translation>价格计算器</translation>
    </message>
    <message>
        <source>Pay-per-use part of the selected option, tier by tier:</source>
        <translation>所选方案中按需计费部分的逐级阶梯明细：</translation>
    </message>
    <message>
        <source>Enter a whole number of calls from 0 to 1,000,000,000,000.</source>
        <translation>请输入 0 到 1,000,000,000,000 之间的整数调用次数。</translation>
    </message>
    <message>
        <source>Could not price the calls.</source>
        <translation>无法计算调用费用。</translation>
    </message>
    <message>
        <source>Cheapest: %1 at %2 %3 a month</source>
        <translation>最省钱：%1，每月 %2 %3</translation>
    </message>
    <message>
        <source>Options and their monthly cost</source>
        <translation>各方案及其月费用</translation>
    </message>
    <message>
        <source>Pay-per-use tiers</source>
        <translation>按需计费阶梯</translation>
    </message>
    <message>
        <source>Could not work out what the next 1,000 calls cost.</source>
        <translation>无法计算接下来 1,000 次调用的费用。</translation>
    </message>
    <message>
        <source>Your next 1,000 calls of %1 in %2 cost %3 %4 now.</source>
        <translation>您在 %2 的 %1 接下来 1,000 次调用目前需 %3 %4。</translation>
    </message>
</context>
<context>
    <name>billing::ui::CatalogNames</name>
    <message>
        <source>General Text</source>
        <translation>通用文字识别</translation>
    </message>
    <message>
        <source>General Table</source>
        <translation>通用表格识别</translation>
    </message>
    <message>
        <source>Web Image</source>
        <translation>网络图片识别</translation>
    </message>
    <message>
        <source>Handwriting</source>
        <translation>手写文字识别</translation>
    </message>
    <message>
        <source>ID Card</source>
        <translation>身份证识别</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照识别</translation>
    </message>
    <message>
        <source>Driving License</source>
        <translation>驾驶证识别</translation>
    </message>
    <message>
        <source>Bank Card</source>
        <translation>银行卡识别</translation>
    </message>
    <message>
        <source>License Plate</source>
        <translation>车牌识别</translation>
    </message>
    <message>
        <source>VAT Invoice</source>
        <translation>增值税发票识别</translation>
    </message>
    <message>
        <source>Train Ticket</source>
        <translation>火车票识别</translation>
    </message>
    <message>
        <source>Flight Itinerary</source>
        <translation>飞机行程单识别</translation>
    </message>
    <message>
        <source>CN North-Beijing4</source>
        <translation>华北-北京四</translation>
    </message>
    <message>
        <source>CN East-Shanghai1</source>
        <translation>华东-上海一</translation>
    </message>
    <message>
        <source>CN-Hong Kong</source>
        <translation>中国-香港</translation>
    </message>
    <message>
        <source>AP-Singapore</source>
        <translation>亚太-新加坡</translation>
    </message>
</context>
<context>
    <name>billing::ui::ChangeEditor</name>
    <message>
        <source>Volume change</source>
        <translation>调用量变化</translation>
    </message>
    <message>
        <source>Move share between APIs</source>
        <translation>在 API 之间迁移调用</translation>
    </message>
    <message>
        <source>Buy package</source>
        <translation>购买资源包</translation>
    </message>
    <message>
        <source>Renew package</source>
        <translation>续费资源包</translation>
    </message>
    <message>
        <source>Unsubscribe package</source>
        <translation>退订资源包</translation>
    </message>
    <message>
        <source>Enable service</source>
        <translation>启用服务</translation>
    </message>
    <message>
        <source>Disable service</source>
        <translation>停用服务</translation>
    </message>
    <message>
        <source>Add guard</source>
        <translation>添加守卫</translation>
    </message>
    <message>
        <source>Month cost cap</source>
        <translation>月度费用上限</translation>
    </message>
    <message>
        <source>Balance floor</source>
        <translation>余额下限</translation>
    </message>
    <message>
        <source>e.g. 500.00</source>
        <translation>例如 500.00</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>变更类型</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>To API</source>
        <translation>迁入 API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>Package size</source>
        <translation>资源包规格</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>Guard name</source>
        <translation>守卫名称</translation>
    </message>
    <message>
        <source>Guard limit</source>
        <translation>守卫限制</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Date the change takes effect</source>
        <translation>变更生效日期</translation>
    </message>
    <message>
        <source>&amp;Change:</source>
        <translation>变更(&amp;C)：</translation>
    </message>
    <message>
        <source>Guard &amp;name:</source>
        <translation>守卫名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>资源包(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;API:</source>
        <translation>API(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;To API:</source>
        <translation>迁入 API(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>Pro&amp;ject:</source>
        <translation>项目(&amp;J)：</translation>
    </message>
    <message>
        <source>Package &amp;size:</source>
        <translation>资源包规格(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Percentage:</source>
        <translation>百分比(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation>限制(&amp;L)：</translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation>金额(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>All APIs</source>
        <translation>全部 API</translation>
    </message>
    <message>
        <source>Same size</source>
        <translation>相同规格</translation>
    </message>
    <message>
        <source>%1: %2 calls, %3</source>
        <translation>%1：%2 次调用，%3</translation>
    </message>
    <message>
        <source>%1: %2 %3, %4, %5 to %6</source>
        <translation>%1：%2 %3，%4，%5 至 %6</translation>
    </message>
    <message>
        <source>&amp;From API:</source>
        <translation>迁出 API(&amp;F)：</translation>
    </message>
    <message>
        <source>Share &amp;moved:</source>
        <translation>迁移比例(&amp;M)：</translation>
    </message>
    <message>
        <source>The share of the calls that move to the other API</source>
        <translation>迁移到另一个 API 的调用比例</translation>
    </message>
    <message>
        <source>The change in calls: −100 % is none at all</source>
        <translation>调用量的变化：−100 % 表示完全没有调用</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>资源包 %1</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
</context>
<context>
    <name>billing::ui::CloseMonthWizard</name>
    <message>
        <source>Close month</source>
        <translation>月度结账</translation>
    </message>
    <message>
        <source>Which month?</source>
        <translation>哪个月？</translation>
    </message>
    <message>
        <source>Only a final month can be closed.</source>
        <translation>只有已出账的月份才能结账。</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <source>The close pack holds the bill, the rounded-off ledger, a chargeback statement per enterprise project, budgets against actual, the month&apos;s anomalies, the reconciliation and the spend guards that fired, with the audit chain&apos;s head.</source>
        <translation>结账包包含账单、抹零明细、每个企业项目的费用分摊单、预算与实际、本月异常、对账结果和已触发的消费守卫，以及审计链头哈希。</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>保存到哪里？</translation>
    </message>
    <message>
        <source>A PDF, an XLSX workbook and the JSON of the content are written to this folder.</source>
        <translation>PDF、XLSX 工作簿和内容的 JSON 文件将写入此文件夹。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>正在结账</translation>
    </message>
    <message>
        <source>Close progress</source>
        <translation>结账进度</translation>
    </message>
    <message>
        <source>Close pack folder</source>
        <translation>结账包文件夹</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 cannot be closed: %2</source>
        <translation>%1 无法结账：%2</translation>
    </message>
    <message numerus="yes">
        <source>Bill: %1 charged, %n line(s)</source>
        <translation>
            <numerusform>账单：实扣 %1，%n 条明细</numerusform>
        </translation>
    </message>
    <message>
        <source>Rounded off, not charged: %1</source>
        <translation>抹零金额，不收取：%1</translation>
    </message>
    <message numerus="yes">
        <source>Chargeback statements: %n enterprise project(s)</source>
        <translation>
            <numerusform>费用分摊单：%n 个企业项目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Budgets: %n</source>
        <translation>
            <numerusform>预算：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Anomalies: %n</source>
        <translation>
            <numerusform>异常：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconciliation: reconciled by %1 at %2</source>
        <translation>对账：已由 %1 于 %2 确认</translation>
    </message>
    <message>
        <source>Reconciliation: not reconciled</source>
        <translation>对账：未对账</translation>
    </message>
    <message numerus="yes">
        <source>Spend guards that fired: %n</source>
        <translation>
            <numerusform>已触发的消费守卫：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Closing %1…</source>
        <translation>正在为 %1 结账…</translation>
    </message>
    <message>
        <source>%1 was not closed: %2</source>
        <translation>%1 未结账：%2</translation>
    </message>
    <message>
        <source>Closed %1.

Files:
%2

Content hash (SHA-256):
%3

Audit chain head at closing:
%4</source>
        <translation>%1 已结账。

文件：
%2

内容哈希（SHA-256）：
%3

结账时审计链头哈希：
%4</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>billing::ui::ColumnMappingDialog</name>
    <message>
        <source>Map columns</source>
        <translation>映射列</translation>
    </message>
    <message>
        <source>Choose the field each column of %1 gives; columns left on Ignore are not read.</source>
        <translation>请为 %1 的每一列选择对应的字段；设为“忽略”的列不会被读取。</translation>
    </message>
    <message>
        <source>Rows of the file</source>
        <translation>文件中的行</translation>
    </message>
    <message>
        <source>&amp;Time format:</source>
        <translation>时间格式(&amp;T)：</translation>
    </message>
    <message>
        <source>UTC &amp;offset:</source>
        <translation>UTC 偏移(&amp;O)：</translation>
    </message>
    <message>
        <source>API and region &amp;values in the file:</source>
        <translation>文件中的 API 和区域取值(&amp;V)：</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation>文件中的取值</translation>
    </message>
    <message>
        <source>Catalog entry</source>
        <translation>目录条目</translation>
    </message>
    <message>
        <source>API and region values</source>
        <translation>API 和区域取值</translation>
    </message>
    <message>
        <source>As the import will &amp;read them:</source>
        <translation>导入时将读取为(&amp;R)：</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Rows as they will be read</source>
        <translation>导入时读取的行</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>配置名称(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. API gateway</source>
        <translation>例如 API 网关</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>保存配置(&amp;S)</translation>
    </message>
    <message>
        <source>Use for the import</source>
        <translation>用于导入</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Field of column %1</source>
        <translation>列 %1 的字段</translation>
    </message>
    <message>
        <source>Ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1（必填）</translation>
    </message>
    <message>
        <source>Catalog entry for %1</source>
        <translation>%1 的目录条目</translation>
    </message>
    <message>
        <source>(as written)</source>
        <translation>（按原文）</translation>
    </message>
    <message>
        <source>Choose the column of: %1.</source>
        <translation>请选择以下字段的列：%1。</translation>
    </message>
    <message>
        <source>(unsaved)</source>
        <translation>（未保存）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows would be refused: the import takes a file whole or not at all.</source>
        <translation>前 %2 行中有 %1 行会被拒绝：导入要么接受整个文件，要么全部拒绝。</translation>
    </message>
    <message>
        <source>The first %1 rows read correctly.</source>
        <translation>前 %1 行均可正确读取。</translation>
    </message>
    <message>
        <source>Replace column profile</source>
        <translation>替换列映射配置</translation>
    </message>
    <message>
        <source>A column profile named %1 exists already. Replace it with this mapping?</source>
        <translation>名为 %1 的列映射配置已存在。要用此映射替换它吗？</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>Saved the column profile %1.</source>
        <translation>已保存列映射配置 %1。</translation>
    </message>
    <message>
        <source>Map the columns of a provider bill</source>
        <translation>映射服务商账单的列</translation>
    </message>
    <message>
        <source>As the reconciliation will &amp;read them:</source>
        <translation>对账将如此读取(&amp;R)：</translation>
    </message>
    <message>
        <source>e.g. Bill export of the finance system</source>
        <translation>例如：财务系统导出的账单</translation>
    </message>
    <message>
        <source>Use for the reconciliation</source>
        <translation>用于对账</translation>
    </message>
    <message>
        <source>Provider &amp;product names of the catalog&apos;s APIs:</source>
        <translation>目录中各 API 的服务商产品名称(&amp;P)：</translation>
    </message>
    <message>
        <source>%1 now comes from the column %2, no longer from %3.</source>
        <translation>%1 现在取自列 %2，不再取自 %3。</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows cannot be read: the reconciliation refuses a file whole.</source>
        <translation>前 %2 行中有 %1 行无法读取：对账会拒绝整个文件。</translation>
    </message>
    <message>
        <source>The first %1 rows read correctly (%2 of another service, ignored).</source>
        <translation>前 %1 行读取正确（其中 %2 行属于其他服务，已忽略）。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Choose the field of the provider&apos;s bill each column of %1 gives, for a layout the reconciliation does not recognize by its headers; columns left on Ignore are not read.</source>
        <translation>请为 %1 的每一列选择它对应的服务商账单字段（用于对账无法按表头识别的格式）；保持“忽略”的列不会被读取。</translation>
    </message>
</context>
<context>
    <name>billing::ui::CompositionModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1: %2 %3 (%4 of the total), %5 calls; previous period %6, change %7</source>
        <translation>%1：%2 %3（占总额 %4），%5 次调用；上期 %6，变化 %7</translation>
    </message>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>费用（%1）</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Previous period (%1)</source>
        <translation>上期（%1）</translation>
    </message>
    <message>
        <source>Change (%1)</source>
        <translation>变化（%1）</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>%1: %2 calls (%3 of the total); previous period %4, change %5</source>
        <translation>%1：%2 次调用（占合计 %3）；上一周期 %4，变化 %5</translation>
    </message>
    <message>
        <source>%1: %2 %3 per 1,000 calls (%4 over %5 calls); previous period %6, change %7</source>
        <translation>%1：每千次调用 %2 %3（%5 次调用共 %4）；上一周期 %6，变化 %7</translation>
    </message>
    <message>
        <source>No billable calls: the cost per 1,000 calls is undefined</source>
        <translation>无计费调用：每千次调用成本无定义</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>次调用</translation>
    </message>
    <message>
        <source>%1 per 1,000 calls</source>
        <translation>%1/千次调用</translation>
    </message>
    <message>
        <source>Per 1,000 calls (%1)</source>
        <translation>每千次调用（%1）</translation>
    </message>
    <message>
        <source>Per 1,000 calls</source>
        <translation>每千次调用</translation>
    </message>
</context>
<context>
    <name>billing::ui::CompositionPage</name>
    <message>
        <source>Cost of the period</source>
        <translation>本期费用</translation>
    </message>
    <message>
        <source>Change against the period before</source>
        <translation>与上期相比的变化</translation>
    </message>
    <message>
        <source>Billable calls</source>
        <translation>计费调用次数</translation>
    </message>
    <message>
        <source>Share of the cost</source>
        <translation>费用占比</translation>
    </message>
    <message>
        <source>This period and the one before</source>
        <translation>本期与上期</translation>
    </message>
    <message>
        <source>Export &amp;chart…</source>
        <translation>导出图表(&amp;C)…</translation>
    </message>
    <message>
        <source>Export &amp;table (CSV)…</source>
        <translation>导出表格 (CSV)(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Break down by:</source>
        <translation>细分维度(&amp;B)：</translation>
    </message>
    <message>
        <source>Cost composition</source>
        <translation>成本构成</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Could not compute the cost composition.</source>
        <translation>无法计算成本构成。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>before: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not export the chart.</source>
        <translation>无法导出图表。</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export the table.</source>
        <translation>无法导出表格。</translation>
    </message>
    <message>
        <source>Cost share chart</source>
        <translation>费用占比图</translation>
    </message>
    <message>
        <source>A donut of each part&apos;s share of the cost. The same numbers are in the table below the charts.</source>
        <translation>环形图显示各部分占费用的比例。相同数据见图表下方的表格。</translation>
    </message>
    <message>
        <source>Change chart</source>
        <translation>变化图</translation>
    </message>
    <message>
        <source>Bars of this period and the one before. The same numbers are in the table below the charts.</source>
        <translation>本期与上期的柱状图。相同数据见图表下方的表格。</translation>
    </message>
    <message>
        <source>Cost composition table</source>
        <translation>成本构成表</translation>
    </message>
    <message>
        <source>The numbers of both charts: cost, share, calls and the change against the period before.</source>
        <translation>两张图表的数据：费用、占比、调用次数以及与上期相比的变化。</translation>
    </message>
    <message>
        <source>Cost per 1,000 calls</source>
        <translation>每千次调用成本</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Unit cost per 1,000 calls</source>
        <translation>每千次调用单位成本</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>exactly %1; before: %2</source>
        <translation>精确值 %1；之前：%2</translation>
    </message>
    <message>
        <source>no billable calls</source>
        <translation>无计费调用</translation>
    </message>
    <message>
        <source>Share of the calls</source>
        <translation>调用次数占比</translation>
    </message>
</context>
<context>
    <name>billing::ui::CouponTableModel</name>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Every API</source>
        <translation>所有 API</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>面额（%1）</translation>
    </message>
    <message>
        <source>Remaining (%1)</source>
        <translation>剩余（%1）</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>适用范围</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>billing::ui::DemoSetup</name>
    <message>
        <source>Creating a demo account with a year of billing history…</source>
        <translation>正在创建含一年计费历史的演示账户…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>First start</source>
        <translation>首次启动</translation>
    </message>
    <message>
        <source>Demo account</source>
        <translation>演示账户</translation>
    </message>
</context>
<context>
    <name>billing::ui::ErrorBanner</name>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>an error banner: what failed, then the reason in the engine&apos;s words</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>A business rule refused the request; nothing was changed.</source>
        <translation>业务规则拒绝了此请求；未作任何更改。</translation>
    </message>
    <message>
        <source>The request was not valid; nothing was changed.</source>
        <translation>请求无效；未作任何更改。</translation>
    </message>
    <message>
        <source>The database or a file holds data that cannot be read; nothing was changed. Run &quot;billingctl verify&quot; to see every problem.</source>
        <translation>数据库或文件中有无法读取的数据；未作任何更改。运行 “billingctl verify” 可查看所有问题。</translation>
    </message>
    <message>
        <source>An unexpected failure (a bug or an I/O error); nothing was changed.</source>
        <translation>发生意外故障（程序缺陷或输入输出错误）；未作任何更改。</translation>
    </message>
</context>
<context>
    <name>billing::ui::FilterChips</name>
    <message>
        <source>Filtered by:</source>
        <translation>筛选条件：</translation>
    </message>
    <message>
        <source>%1: %2  ✕</source>
        <translation>%1：%2  ✕</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>移除此筛选条件</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选条件</translation>
    </message>
</context>
<context>
    <name>billing::ui::FocusExportDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export FOCUS 1.2 cost and usage data</source>
        <translation>导出 FOCUS 1.2 成本和用量数据</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>One row per transaction record of the bill months chosen, in the FinOps Foundation&apos;s FOCUS 1.2 columns (CSV, UTF-8), for FinOps tools.</source>
        <translation>所选账单月份的每条交易记录一行，采用 FinOps 基金会的 FOCUS 1.2 列（CSV，UTF-8），供 FinOps 工具使用。</translation>
    </message>
    <message>
        <source>&amp;From month:</source>
        <translation>起始月份(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To month:</source>
        <translation>结束月份(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Export FOCUS data</source>
        <translation>导出 FOCUS 数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>Could not export the FOCUS data.</source>
        <translation>无法导出 FOCUS 数据。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>取消导出(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1</source>
        <translation>
            <numerusform>已将 %n 行保存到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>billing::ui::FundsPage</name>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Cash coupons left</source>
        <translation>剩余代金券</translation>
    </message>
    <message>
        <source>No money movements yet</source>
        <translation>暂无资金变动</translation>
    </message>
    <message>
        <source>Top-ups, charges, package purchases, refunds and coupons are recorded here, each with the balance after it. Top up with “Top up…” (Ctrl+T).</source>
        <translation>充值、扣费、资源包购买、退款和代金券都记录在这里，每笔都附变动后余额。点击“充值…”（Ctrl+T）充值。</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>&amp;Top up…</source>
        <translation>充值(&amp;T)…</translation>
    </message>
    <message>
        <source>Add cash to the balance (Ctrl+T)</source>
        <translation>向余额充入现金 (Ctrl+T)</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>收支明细(&amp;L)</translation>
    </message>
    <message>
        <source>Cash &amp;coupons</source>
        <translation>代金券(&amp;C)</translation>
    </message>
    <message>
        <source>Could not load the funds.</source>
        <translation>无法加载资金信息。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Nothing owed</source>
        <translation>无欠费</translation>
    </message>
    <message>
        <source>No usable coupon</source>
        <translation>无可用代金券</translation>
    </message>
    <message>
        <source>Usable coupons: %1</source>
        <translation>可用代金券：%1</translation>
    </message>
    <message>
        <source>Arrears of %1 %2. Calls are served and billed until the grace period ends on %3; then the account is frozen (calls rejected, purchases refused) until %4, when every enabled service is released. Top up at least %5 to end this now.</source>
        <translation>欠费 %1 %2。宽限期至 %3 结束，期间调用照常服务并计费；之后账户冻结（拒绝调用、拒绝购买）至 %4，届时所有已开通服务将被释放。至少充值 %5 即可立即结束欠费状态。</translation>
    </message>
    <message>
        <source>Frozen since %1 for arrears of %2 %3: calls are rejected and purchases refused. Every enabled service is released on %4. Top up at least %5 to end this now.</source>
        <translation>自 %1 起因欠费 %2 %3 已冻结：调用被拒绝，购买被拒绝。所有已开通服务将于 %4 释放。至少充值 %5 即可立即解除。</translation>
    </message>
    <message>
        <source>Frozen for arrears of %1 %2; the services were released. Top up at least %3 to end this, then enable the services again.</source>
        <translation>因欠费 %1 %2 已冻结；服务已释放。至少充值 %3 即可解除，之后请重新开通服务。</translation>
    </message>
    <message>
        <source>The top-up was refused.</source>
        <translation>充值被拒绝。</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>收支明细</translation>
    </message>
    <message>
        <source>Every money movement with the balance after it.</source>
        <translation>每笔资金变动及变动后余额。</translation>
    </message>
    <message>
        <source>Cash coupons</source>
        <translation>代金券</translation>
    </message>
</context>
<context>
    <name>billing::ui::GuardBanner</name>
    <message>
        <source>%1 in %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <source>Spend guard “%1” fired on %2 and disabled %3.</source>
        <translation>支出守卫“%1”于 %2 触发，已关闭 %3。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>&amp;Re-enable 1 service…</source>
        <translation>重新开通 1 个服务(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Re-enable %1 services…</source>
        <translation>重新开通 %1 个服务(&amp;R)…</translation>
    </message>
    <message>
        <source>Re-enable services</source>
        <translation>重新开通服务</translation>
    </message>
    <message>
        <source>Guard “%1” disabled these services. Enabled again, they accept calls from now on and the calls are billed; the guard does not fire again this month.</source>
        <translation>守卫“%1”关闭了这些服务。重新开通后，它们从现在起接受调用并计费；本月该守卫不会再次触发。</translation>
    </message>
    <message>
        <source>Guard “%1” disabled these services. Enabled again, they accept calls from now on and the calls are billed; the guard fires again once the balance has been above its floor at an hour&apos;s end and falls to it again.</source>
        <translation>守卫“%1”关闭了这些服务。重新开通后，它们从现在起接受调用并计费；余额在某个整点高于下限后再次降至下限时，该守卫会再次触发。</translation>
    </message>
    <message>
        <source>Re-enable 1 service</source>
        <translation>重新开通 1 个服务</translation>
    </message>
    <message>
        <source>Re-enable %1 services</source>
        <translation>重新开通 %1 个服务</translation>
    </message>
    <message>
        <source>the next 1,000 calls cost %1</source>
        <translation>接下来 1,000 次调用费用 %1</translation>
    </message>
    <message>
        <source>price not available</source>
        <translation>价格不可用</translation>
    </message>
    <message>
        <source>%1 in %2:</source>
        <translation>%2 的 %1：</translation>
    </message>
    <message>
        <source>The services were not enabled: %1</source>
        <translation>服务未开通：%1</translation>
    </message>
    <message>
        <source>Re-enable the services guard “%1” disabled</source>
        <translation>重新开通守卫“%1”停用的服务</translation>
    </message>
</context>
<context>
    <name>billing::ui::GuardDialog</name>
    <message>
        <source>&amp;Preview the last %1 days</source>
        <translation>预览最近 %1 天(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel preview</source>
        <translation>取消预览</translation>
    </message>
    <message>
        <source>New spend guard</source>
        <translation>新建支出守卫</translation>
    </message>
    <message>
        <source>Every API</source>
        <translation>所有 API</translation>
    </message>
    <message>
        <source>Every region</source>
        <translation>所有区域</translation>
    </message>
    <message>
        <source>This month&apos;s cost reaches</source>
        <translation>本月费用达到</translation>
    </message>
    <message>
        <source>The balance falls to</source>
        <translation>余额降至</translation>
    </message>
    <message>
        <source>e.g. 500.00</source>
        <translation>例如 500.00</translation>
    </message>
    <message>
        <source>&amp;Add guard</source>
        <translation>添加守卫(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>A&amp;PI:</source>
        <translation>API(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Trigger:</source>
        <translation>触发条件(&amp;T)：</translation>
    </message>
    <message>
        <source>A&amp;mount:</source>
        <translation>金额(&amp;M)：</translation>
    </message>
    <message>
        <source>When the trigger holds at the end of an hour, the guard disables every enabled service in its scope, so later calls are rejected and never billed. It never enables anything again; a cost guard fires at most once a month.</source>
        <translation>当某个整点时触发条件成立，守卫会关闭其范围内所有已开通的服务，之后的调用将被拒绝，不会计费。守卫从不重新开通任何服务；费用守卫每月最多触发一次。</translation>
    </message>
    <message>
        <source>Give the guard a name.</source>
        <translation>请为守卫命名。</translation>
    </message>
    <message>
        <source>A name has 1 to 64 characters without spaces around it.</source>
        <translation>名称为 1 到 64 个字符，首尾不能有空格。</translation>
    </message>
    <message>
        <source>Give the balance floor.</source>
        <translation>请填写余额下限。</translation>
    </message>
    <message>
        <source>Give the month&apos;s cost limit.</source>
        <translation>请填写月度费用上限。</translation>
    </message>
    <message>
        <source>Replaying the last %1 days…</source>
        <translation>正在回放最近 %1 天…</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>无法预览：%1</translation>
    </message>
    <message>
        <source>Over the last %1 days this guard would not have fired.</source>
        <translation>在最近 %1 天内，该守卫不会触发。</translation>
    </message>
    <message>
        <source>Over the last %1 days this guard would have fired on %2, rejecting %3 calls and avoiding %4 of charges.</source>
        <translation>在最近 %1 天内，该守卫会在 %2 触发，拒绝 %3 次调用，避免 %4 的费用。</translation>
    </message>
    <message>
        <source>Of these, %1 would not have been arrears.</source>
        <translation>其中 %1 本不会成为欠费。</translation>
    </message>
</context>
<context>
    <name>billing::ui::GuardsPanel</name>
    <message>
        <source>&amp;New guard…</source>
        <translation>新建守卫(&amp;N)…</translation>
    </message>
    <message>
        <source>Remove guard…</source>
        <translation>删除守卫…</translation>
    </message>
    <message>
        <source>Spend guards</source>
        <translation>支出守卫</translation>
    </message>
    <message>
        <source>A guard disables services for you at the end of an hour when this month&apos;s cost reaches a limit or the balance falls to a floor.</source>
        <translation>当本月费用达到上限或余额降至下限时，守卫会在整点替您关闭服务。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发条件</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>金额（%1）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Could not load the spend guards.</source>
        <translation>无法加载支出守卫。</translation>
    </message>
    <message>
        <source>Every API</source>
        <translation>所有 API</translation>
    </message>
    <message>
        <source>%1, every region</source>
        <translation>%1，所有区域</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <source>This month&apos;s cost reaches</source>
        <translation>本月费用达到</translation>
    </message>
    <message>
        <source>The balance falls to</source>
        <translation>余额降至</translation>
    </message>
    <message>
        <source>Fired on %1</source>
        <translation>已于 %1 触发</translation>
    </message>
    <message>
        <source>Armed</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>Remove a spend guard</source>
        <translation>删除支出守卫</translation>
    </message>
    <message>
        <source>Guard “%1” is no longer checked from now on. Services it disabled stay disabled until you enable them.</source>
        <translation>从现在起不再检查守卫“%1”。它关闭的服务将保持关闭，直到您重新开通。</translation>
    </message>
    <message>
        <source>Remove guard “%1”</source>
        <translation>删除守卫“%1”</translation>
    </message>
    <message>
        <source>The guard was not removed.</source>
        <translation>守卫未删除。</translation>
    </message>
</context>
<context>
    <name>billing::ui::ImportDialog</name>
    <message>
        <source>&amp;Bill late records (calls in hours already settled) as late usage</source>
        <translation>将迟到记录（已结算小时内的调用）按迟到用量计费(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import call records</source>
        <translation>导入调用记录</translation>
    </message>
    <message>
        <source>A CSV or JSON Lines file of call records</source>
        <translation>调用记录的 CSV 或 JSON Lines 文件</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>Without this, a file with records in hours that are already settled is refused whole.</source>
        <translation>不勾选时，含已结算小时内记录的文件将被整体拒绝。</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Call records (*.csv *.jsonl *.json *.ndjson *.gz *.zst);;All files (*)</source>
        <translation>调用记录 (*.csv *.jsonl *.json *.ndjson *.gz *.zst);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a call-record file first.</source>
        <translation>请先选择调用记录文件。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cancelling: the import is rolled back…</source>
        <translation>正在取消：导入将回滚…</translation>
    </message>
    <message>
        <source>Imported %1 record(s) with %2 call(s).</source>
        <translation>已导入 %1 条记录，共 %2 次调用。</translation>
    </message>
    <message>
        <source>%1 late record(s) will be billed as late usage.</source>
        <translation>%1 条迟到记录将按迟到用量计费。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消；未导入任何记录。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何记录：%1</translation>
    </message>
    <message>
        <source>The first %1 refused lines are listed below.</source>
        <translation>下面列出前 %1 条被拒绝的行。</translation>
    </message>
    <message>
        <source>%1 refused line(s), listed below.</source>
        <translation>%1 行被拒绝，列于下方。</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>line	column	reason</source>
        <translation>行	列	原因</translation>
    </message>
    <message>
        <source>(more refused lines follow in the file; only the first %1 are listed)</source>
        <translation>（文件中还有更多被拒绝的行；只列出前 %1 条）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save the import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Refused lines</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <source>%1 is not a regular file: the dialog reads a file twice to list every refused line. Import a pipe with billingctl import-calls.</source>
        <translation>%1 不是普通文件：此对话框要读取文件两次，以列出每一个被拒绝的行。请用 billingctl import-calls 导入管道。</translation>
    </message>
    <message>
        <source>Column &amp;profile:</source>
        <translation>列映射配置(&amp;P)：</translation>
    </message>
    <message>
        <source>How the file&apos;s columns are read: the strict format, or a saved column profile for a log in another layout.</source>
        <translation>如何读取文件的列：严格格式，或为其他布局的日志保存的列映射配置。</translation>
    </message>
    <message>
        <source>&amp;Map columns…</source>
        <translation>映射列(&amp;M)…</translation>
    </message>
    <message>
        <source>Strict format (timestamp, api, region, status)</source>
        <translation>严格格式（timestamp、api、region、status）</translation>
    </message>
    <message>
        <source>Unsaved mapping</source>
        <translation>未保存的映射</translation>
    </message>
    <message>
        <source>Choose a call-record file first: the mapping shows its first rows.</source>
        <translation>请先选择调用记录文件：映射会显示其前几行。</translation>
    </message>
</context>
<context>
    <name>billing::ui::ImportJob</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
</context>
<context>
    <name>billing::ui::LanguageChoice</name>
    <message>
        <source>System default (%1)</source>
        <translation>系统默认（%1）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of the console&apos;s texts and the format of its money, numbers and dates; applies at the next start.</source>
        <translation>控制台文字的语言以及金额、数字和日期的格式；下次启动时生效。</translation>
    </message>
    <message>
        <source>Texts, money, numbers and dates follow the language chosen here. A change applies when the console starts next time.</source>
        <translation>文字、金额、数字和日期均按此处选择的语言显示。更改将在下次启动控制台时生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>billing::ui::LedgerTableModel</name>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>扣费</translation>
    </message>
    <message>
        <source>Package purchase</source>
        <translation>购买资源包</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Coupon granted</source>
        <translation>发放代金券</translation>
    </message>
    <message>
        <source>Coupon used</source>
        <translation>使用代金券</translation>
    </message>
    <message>
        <source>Coupon refunded</source>
        <translation>退回代金券</translation>
    </message>
    <message>
        <source>Coupon lapsed</source>
        <translation>代金券失效</translation>
    </message>
    <message>
        <source>Coupon %1</source>
        <translation>代金券 %1</translation>
    </message>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Transaction record %1</source>
        <translation>交易记录 %1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cash change (%1)</source>
        <translation>现金变动（%1）</translation>
    </message>
    <message>
        <source>Balance after (%1)</source>
        <translation>变动后余额（%1）</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Coupon change (%1)</source>
        <translation>代金券变动（%1）</translation>
    </message>
</context>
<context>
    <name>billing::ui::LineDetailDialog</name>
    <message>
        <source>Transaction record %1</source>
        <translation>交易记录 %1</translation>
    </message>
    <message>
        <source>Could not read the record: %1</source>
        <translation>无法读取记录：%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 — record %2</source>
        <translation>%1 — 记录 %2</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Billing mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>, package %1</source>
        <translation>，资源包 %1</translation>
    </message>
    <message>
        <source>Expenditure time</source>
        <translation>消费时间</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>Settled at</source>
        <translation>结算时间</translation>
    </message>
    <message>
        <source>Bill month</source>
        <translation>账期</translation>
    </message>
    <message>
        <source> (late usage)</source>
        <translation>（迟到用量）</translation>
    </message>
    <message>
        <source>Amount charged %1; paid by coupon %2, by cash %3.</source>
        <translation>实扣金额 %1；代金券支付 %2，现金支付 %3。</translation>
    </message>
    <message>
        <source>Calls in this hour (%1, %2, project %3)</source>
        <translation>本小时的调用（%1，%2，项目 %3）</translation>
    </message>
    <message>
        <source>HTTP status</source>
        <translation>HTTP 状态码</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>billable</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>failed (not charged)</source>
        <translation>失败（不计费）</translation>
    </message>
    <message>
        <source>rejected (not charged)</source>
        <translation>被拒绝（不计费）</translation>
    </message>
    <message>
        <source>Billable %1 · failed %2 · rejected %3</source>
        <translation>计费 %1 · 失败 %2 · 被拒绝 %3</translation>
    </message>
    <message>
        <source>Who covered the billable calls</source>
        <translation>计费调用的抵扣来源</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Package %1</source>
        <translation>资源包 %1</translation>
    </message>
    <message>
        <source>%1 (this line)</source>
        <translation>%1（本行）</translation>
    </message>
    <message>
        <source>Calls covered by a package cost nothing more: the package was paid when it was bought.</source>
        <translation>资源包覆盖的调用不再产生费用：资源包已在购买时付清。</translation>
    </message>
    <message>
        <source>Tier positions on the month&apos;s counter</source>
        <translation>本月计数器上的阶梯位置</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>First position</source>
        <translation>起始位置</translation>
    </message>
    <message>
        <source>Last position</source>
        <translation>结束位置</translation>
    </message>
    <message>
        <source>Price per 1,000 (%1)</source>
        <translation>每千次单价（%1）</translation>
    </message>
    <message>
        <source>Calls × price / 1,000</source>
        <translation>调用次数 × 单价 / 1,000</translation>
    </message>
    <message>
        <source>How the fee was truncated</source>
        <translation>费用截断过程</translation>
    </message>
    <message>
        <source>Σ calls × price / 1,000 (exact)</source>
        <translation>Σ 调用次数 × 单价 / 1,000（精确值）</translation>
    </message>
    <message>
        <source>Fee (floored to 8 decimals)</source>
        <translation>费用（向下取整到 8 位小数）</translation>
    </message>
    <message>
        <source>Charged (truncated to the cent)</source>
        <translation>实扣（截断到分）</translation>
    </message>
    <message>
        <source>Rounded off (not charged)</source>
        <translation>抹零（不收取）</translation>
    </message>
    <message>
        <source>Paid by coupon / cash / arrears</source>
        <translation>代金券 / 现金 / 欠费支付</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
</context>
<context>
    <name>billing::ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>消费明细</translation>
    </message>
    <message>
        <source>Subscriptions</source>
        <translation>订阅</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Packages &amp; renewals</source>
        <translation>资源包与续费</translation>
    </message>
    <message>
        <source>Funds</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>Cost Center</source>
        <translation>成本中心</translation>
    </message>
    <message>
        <source>Composition</source>
        <translation>成本构成</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>成本分摊</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>成本分析</translation>
    </message>
    <message>
        <source>Budgets</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Optimization</source>
        <translation>成本优化</translation>
    </message>
    <message>
        <source>Price calculator</source>
        <translation>价格计算器</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>消息通知</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Show the notifications</source>
        <translation>查看消息通知</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import call records…</source>
        <translation>导入调用记录(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Top up…</source>
        <translation>充值(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Buy package…</source>
        <translation>购买资源包(&amp;B)…</translation>
    </message>
    <message>
        <source>Change billing &amp;mode…</source>
        <translation>变更计费模式(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Stop billing…</source>
        <translation>停止计费(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About %1</source>
        <translation>关于 %1(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Could not read the account.</source>
        <translation>无法读取账户。</translation>
    </message>
    <message>
        <source>No unread notifications</source>
        <translation>没有未读通知</translation>
    </message>
    <message>
        <source>Unread notifications: %1</source>
        <translation>未读通知：%1</translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>消息通知（%1）</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>关于 %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;Usage-based billing for OCR APIs: balance, transactions, services and notifications of one account, read from the same database that &lt;tt&gt;billingctl&lt;/tt&gt; uses.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; %2&lt;/p&gt;&lt;p&gt;OCR API 按量计费：一个账户的余额、消费明细、服务和消息通知，读取自 &lt;tt&gt;billingctl&lt;/tt&gt; 使用的同一数据库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>下一页(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous page</source>
        <translation>上一页(&amp;P)</translation>
    </message>
    <message>
        <source>Page &amp;list or page</source>
        <translation>页面列表或页面(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>owner (single-user account)</source>
        <translation>所有者（单用户账户）</translation>
    </message>
    <message>
        <source>not a member</source>
        <translation>非成员</translation>
    </message>
    <message>
        <source>Anomalies</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Scenario planner</source>
        <translation>场景规划</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>&amp;Close month…</source>
        <translation>月度结账(&amp;C)…</translation>
    </message>
</context>
<context>
    <name>billing::ui::MaintenanceSection</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Copy the whole account into a file, consistent even while others work on it</source>
        <translation>将整个账户复制到一个文件中，即使他人正在操作也保持一致</translation>
    </message>
    <message>
        <source>Replace the whole account with a backup (owners only)</source>
        <translation>用备份替换整个账户（仅限所有者）</translation>
    </message>
    <message>
        <source>A backup is checked after it is written; a restore shows what the backup holds and replaces the account only after it passes every check and you confirm.</source>
        <translation>备份写入后会进行校验；恢复时会先显示备份内容，只有通过全部校验并经您确认后才会替换账户。</translation>
    </message>
    <message>
        <source>Back up the account</source>
        <translation>备份账户</translation>
    </message>
    <message>
        <source>Account database (*.sqlite)</source>
        <translation>账户数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Account database (*.sqlite);;All files (*)</source>
        <translation>账户数据库 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Restored %1; the console now shows the restored account.</source>
        <translation>已恢复 %1；控制台现在显示恢复后的账户。</translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation>未恢复任何内容：%1</translation>
    </message>
    <message numerus="yes">
        <source>account “%1” (%2), %n record(s), settled up to %3</source>
        <translation>
            <numerusform>账户“%1”（%2），%n 条记录，已结算至 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>正在备份到 %1…</translation>
    </message>
    <message>
        <source>The backup was not made: %1</source>
        <translation>未完成备份：%1</translation>
    </message>
    <message>
        <source>Backed up to %1, but the copy fails verification: %2</source>
        <translation>已备份到 %1，但副本未通过校验：%2</translation>
    </message>
    <message>
        <source>Backed up to %1 and verified: %2.</source>
        <translation>已备份到 %1 并通过校验：%2。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>Restoring replaces the whole account in this database with the backup %1. Everything done since the backup was made is lost.</source>
        <translation>恢复将用备份 %1 替换此数据库中的整个账户。备份之后的所有操作都将丢失。</translation>
    </message>
    <message>
        <source>Replace the account with this backup</source>
        <translation>用此备份替换账户</translation>
    </message>
    <message>
        <source>%1 cannot be restored: %2</source>
        <translation>%1 无法恢复：%2</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Settled up to</source>
        <translation>已结算至</translation>
    </message>
    <message>
        <source>Last record</source>
        <translation>最后一条记录</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>none (single-user: everyone is owner)</source>
        <translation>无（单用户：所有人都是所有者）</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>every invariant holds</source>
        <translation>所有不变量均成立</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>The backup fails verification, so it is not restored: %1</source>
        <translation>备份未通过校验，因此未恢复：%1</translation>
    </message>
    <message>
        <source>Restoring %1…</source>
        <translation>正在恢复 %1…</translation>
    </message>
</context>
<context>
    <name>billing::ui::ModeOptionModel</name>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Package %1</source>
        <translation>资源包 %1</translation>
    </message>
    <message>
        <source>%1 (now)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <source>A twelfth of the price, plus pay-per-use for %1 calls above the monthly share of the quota</source>
        <translation>价格的十二分之一，加上超出每月额度份额的 %1 次调用的按需费用</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Cost a month (%1)</source>
        <translation>每月费用（%1）</translation>
    </message>
    <message>
        <source>Package price (%1)</source>
        <translation>资源包价格（%1）</translation>
    </message>
    <message>
        <source>Cheaper than pay-per-use</source>
        <translation>比按需计费更省钱</translation>
    </message>
</context>
<context>
    <name>billing::ui::NotificationTableModel</name>
    <message>
        <source>read</source>
        <translation>已读</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>billing::ui::NotificationsPage</name>
    <message>
        <source>&amp;Mark all as read</source>
        <translation>全部标为已读(&amp;M)</translation>
    </message>
    <message>
        <source>No notifications</source>
        <translation>暂无通知</translation>
    </message>
    <message>
        <source>Alerts appear here when the balance runs low, arrears start or end, the account is about to be frozen, or a package runs out or expires.</source>
        <translation>当余额不足、开始或结清欠费、账户即将冻结，或资源包用完或到期时，告警会显示在这里。</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>消息通知</translation>
    </message>
    <message>
        <source>Could not load the notifications.</source>
        <translation>无法加载消息通知。</translation>
    </message>
    <message>
        <source>Could not mark the notifications as read.</source>
        <translation>无法将通知标为已读。</translation>
    </message>
</context>
<context>
    <name>billing::ui::OptimizationPage</name>
    <message>
        <source>Possible saving a month</source>
        <translation>每月可节省</translation>
    </message>
    <message>
        <source>Open &amp;Packages for this API…</source>
        <translation>打开此 API 的资源包页面(&amp;P)…</translation>
    </message>
    <message>
        <source>Export &amp;table (CSV)…</source>
        <translation>导出表格 (CSV)(&amp;T)…</translation>
    </message>
    <message>
        <source>Based on the billable calls of the last 30 days; monthly costs of a 1-year package are its price / 12.</source>
        <translation>基于近 30 天的计费调用；1 年期资源包的月费用按价格 / 12 计算。</translation>
    </message>
    <message>
        <source>Optimization</source>
        <translation>成本优化</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export the table.</source>
        <translation>无法导出表格。</translation>
    </message>
    <message>
        <source>Could not compute the advice.</source>
        <translation>无法计算优化建议。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Every API and region is on its cheapest option</source>
        <translation>所有 API 和区域都已采用最省钱的方案</translation>
    </message>
    <message>
        <source>by changing %1 of %2 APIs and regions</source>
        <translation>调整 %2 个 API 和区域中的 %1 个即可</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>优化建议</translation>
    </message>
</context>
<context>
    <name>billing::ui::OverviewPage</name>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Account state</source>
        <translation>账户状态</translation>
    </message>
    <message>
        <source>Spent this month</source>
        <translation>本月消费</translation>
    </message>
    <message>
        <source>Services enabled</source>
        <translation>已开通服务</translation>
    </message>
    <message>
        <source>Packages in force</source>
        <translation>生效中的资源包</translation>
    </message>
    <message>
        <source>Renewals in %1 days</source>
        <translation>%1 天内续费</translation>
    </message>
    <message>
        <source>Cash coupons</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Quota left in the packages in force</source>
        <translation>生效中资源包的剩余额度</translation>
    </message>
    <message>
        <source>Renewals due in the next %1 days</source>
        <translation>未来 %1 天内的续费</translation>
    </message>
    <message>
        <source>Latest notifications</source>
        <translation>最新消息</translation>
    </message>
    <message>
        <source>All notifications…</source>
        <translation>全部消息通知…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Could not load the overview.</source>
        <translation>无法加载总览。</translation>
    </message>
    <message>
        <source>Billing is stopped: no service is enabled and no package renews automatically, so nothing more will be charged. Enable a service on the Services page to start again.</source>
        <translation>计费已停止：没有开通的服务，也没有自动续费的资源包，因此不会再产生费用。在“服务”页面开通服务即可重新开始。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Below zero: calls are billed into arrears</source>
        <translation>余额为负：调用费用计入欠费</translation>
    </message>
    <message>
        <source>Cash available for calls and packages</source>
        <translation>可用于调用和资源包的现金</translation>
    </message>
    <message>
        <source>A top-up of %1 clears it</source>
        <translation>充值 %1 即可结清</translation>
    </message>
    <message>
        <source>Nothing owed</source>
        <translation>无欠费</translation>
    </message>
    <message>
        <source>Calls are rejected until repaid</source>
        <translation>结清前调用将被拒绝</translation>
    </message>
    <message>
        <source>Frozen from %1 unless repaid</source>
        <translation>除非结清，将自 %1 起冻结</translation>
    </message>
    <message>
        <source>Calls are served and billed</source>
        <translation>调用照常服务并计费</translation>
    </message>
    <message>
        <source>Last month by the same day: %1</source>
        <translation>上月同期：%1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Every API is off</source>
        <translation>所有 API 均已关闭</translation>
    </message>
    <message>
        <source>Package %1: %2 in %3 (%4), until %5</source>
        <translation>资源包 %1：%2，%3（%4），有效期至 %5</translation>
    </message>
    <message>
        <source>%1 of %2 calls left</source>
        <translation>剩余 %1 次，共 %2 次</translation>
    </message>
    <message>
        <source>No package in force: calls are billed pay-per-use. Buy a package on the Packages &amp; renewals page.</source>
        <translation>没有生效中的资源包：调用按需计费。可在“资源包与续费”页面购买资源包。</translation>
    </message>
    <message>
        <source>Bought in all: %1</source>
        <translation>累计购买：%1</translation>
    </message>
    <message>
        <source>%1 — auto-renew of package %2 (%3, %4): %5</source>
        <translation>%1 — 资源包 %2（%3，%4）自动续费：%5</translation>
    </message>
    <message>
        <source>%1 — package %2 (%3, %4) ends; auto-renew %5</source>
        <translation>%1 — 资源包 %2（%3，%4）到期；自动续费%5</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>No package ends and no renewal is due in this time.</source>
        <translation>此期间没有资源包到期，也没有待续费项。</translation>
    </message>
    <message>
        <source>Auto-renew attempts: %1</source>
        <translation>自动续费尝试：%1</translation>
    </message>
    <message>
        <source>usable now</source>
        <translation>现可使用</translation>
    </message>
    <message>
        <source>No notifications yet: alerts about the balance, arrears and packages appear here.</source>
        <translation>暂无通知：有关余额、欠费和资源包的告警将显示在这里。</translation>
    </message>
    <message>
        <source>%1 — %2: %3</source>
        <translation>%1 — %2：%3</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Summing this month&apos;s and last month&apos;s spending</source>
        <translation>正在汇总本月和上月的支出</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>无法获取</translation>
    </message>
    <message>
        <source>Could not sum the spending of this month and last month.</source>
        <translation>无法汇总本月和上月的支出。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Latest anomalies</source>
        <translation>最近的异常</translation>
    </message>
    <message>
        <source>All anomalies…</source>
        <translation>全部异常…</translation>
    </message>
    <message>
        <source>Looking for anomalies…</source>
        <translation>正在检测异常…</translation>
    </message>
    <message>
        <source>Could not look for anomalies.</source>
        <translation>无法检测异常。</translation>
    </message>
    <message numerus="yes">
        <source>No anomalies in the last %n days</source>
        <translation>
            <numerusform>最近 %n 天内没有异常</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — %2, %3, project %4: %5 against a baseline of %6 (%7)</source>
        <translation>%1 — %2，%3，项目 %4：%5，基线为 %6（%7）</translation>
    </message>
    <message>
        <source>rise: %1</source>
        <translation>上升：%1</translation>
    </message>
    <message>
        <source>drop: %1</source>
        <translation>下降：%1</translation>
    </message>
    <message>
        <source>Open this anomaly on the Anomalies page</source>
        <translation>在“异常”页面中打开此异常</translation>
    </message>
</context>
<context>
    <name>billing::ui::PackageTableModel</name>
    <message>
        <source>Pending</source>
        <translation>待生效</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Used up</source>
        <translation>已用完</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>已退订</translation>
    </message>
    <message>
        <source>%1 ← %2</source>
        <translation>%1 ← %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>1 day before</source>
        <translation>提前 1 天</translation>
    </message>
    <message>
        <source>%1 days before</source>
        <translation>提前 %1 天</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>← %1</source>
        <translation>← %1</translation>
    </message>
    <message>
        <source>Calls of %1 in %2 use this package after %3 other packages with quota left</source>
        <translation>%2 中 %1 的调用在另外 %3 个有剩余额度的资源包之后使用此资源包</translation>
    </message>
    <message>
        <source>The next term of package %1</source>
        <translation>资源包 %1 的下一期</translation>
    </message>
    <message>
        <source>Deduction order: which package of the same API and region covers calls first</source>
        <translation>抵扣顺序：同一 API 和区域下哪个资源包先抵扣调用</translation>
    </message>
    <message>
        <source>The last day of the term, to 23:59:59 in the billing time zone</source>
        <translation>有效期的最后一天，至计费时区的 23:59:59</translation>
    </message>
    <message>
        <source>The term this package renews</source>
        <translation>此资源包续费的那一期</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Valid through</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Quota (calls)</source>
        <translation>额度（次）</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Auto-renew</source>
        <translation>自动续费</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>续期链</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Price (%1)</source>
        <translation>价格（%1）</translation>
    </message>
    <message>
        <source>%1, as %2</source>
        <translation>%1，续费为 %2</translation>
    </message>
    <message>
        <source>%1: the term ends within %2 days (see the right-sizer)</source>
        <translation>%1：本期将在 %2 天内结束（见续费规格建议）</translation>
    </message>
</context>
<context>
    <name>billing::ui::PackagesPage</name>
    <message>
        <source>&amp;Buy package…</source>
        <translation>购买资源包(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Renew…</source>
        <translation>续费(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Auto-renew…</source>
        <translation>自动续费(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe…</source>
        <translation>退订(&amp;U)…</translation>
    </message>
    <message>
        <source>Change billing &amp;mode…</source>
        <translation>变更计费模式(&amp;M)…</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Renewal calendar: the next %1 days</source>
        <translation>续费日历：未来 %1 天</translation>
    </message>
    <message>
        <source>Packages &amp; renewals</source>
        <translation>资源包与续费</translation>
    </message>
    <message>
        <source>Could not load the packages.</source>
        <translation>无法加载资源包。</translation>
    </message>
    <message>
        <source>In force: %1 · pending: %2 · bought in all: %3</source>
        <translation>生效中：%1 · 待生效：%2 · 累计购买：%3</translation>
    </message>
    <message>
        <source>The purchase was refused.</source>
        <translation>购买被拒绝。</translation>
    </message>
    <message>
        <source>The renewal was refused.</source>
        <translation>续费被拒绝。</translation>
    </message>
    <message>
        <source>Auto-renew was not changed.</source>
        <translation>自动续费未更改。</translation>
    </message>
    <message>
        <source>Unsubscribe package %1</source>
        <translation>退订资源包 %1</translation>
    </message>
    <message>
        <source>A package not yet in force is cancelled and refunded in full: cash back to cash, coupons back to coupons.</source>
        <translation>尚未生效的资源包将被取消并全额退款：现金退回现金，代金券退回代金券。</translation>
    </message>
    <message>
        <source>Refund:</source>
        <translation>退款：</translation>
    </message>
    <message>
        <source>To coupons:</source>
        <translation>退回代金券：</translation>
    </message>
    <message>
        <source>To cash:</source>
        <translation>退回现金：</translation>
    </message>
    <message>
        <source>The package was not unsubscribed.</source>
        <translation>资源包未退订。</translation>
    </message>
    <message>
        <source>No packages yet: a package prepays a year of calls at a discount. Buy one with “Buy package…” (Ctrl+N).</source>
        <translation>暂无资源包：资源包以折扣价预付一年的调用。点击“购买资源包…”（Ctrl+N）购买。</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>Renewal calendar</source>
        <translation>续费日历</translation>
    </message>
    <message>
        <source> · ending within %1 days: %2</source>
        <translation> · %1 天内到期：%2</translation>
    </message>
    <message>
        <source>Select a package to see how its term is likely to end and the best size for the next.</source>
        <translation>选择一个资源包，查看本期可能的用量结局以及下一期的最佳规格。</translation>
    </message>
</context>
<context>
    <name>billing::ui::PeriodPicker</name>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近 12 个月</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义范围</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>First day of the period</source>
        <translation>期间的第一天</translation>
    </message>
    <message>
        <source>Last day of the period</source>
        <translation>期间的最后一天</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <comment>QDate format of a month, short</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <comment>QDate format of a month</comment>
        <translation>yyyy年M月</translation>
    </message>
</context>
<context>
    <name>billing::ui::ProjectCostModel</name>
    <message>
        <source>Shared (not attributable)</source>
        <translation>共享（无法归属）</translation>
    </message>
    <message>
        <source>Double-click (or F2) to edit the tags, separated by commas; Ctrl+Z undoes.</source>
        <translation>双击（或按 F2）编辑标签，以逗号分隔；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Cost tags</source>
        <translation>成本标签</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Own usage (%1)</source>
        <translation>自身用量（%1）</translation>
    </message>
    <message>
        <source>Share of packages (%1)</source>
        <translation>资源包分摊（%1）</translation>
    </message>
    <message>
        <source>Total (%1)</source>
        <translation>合计（%1）</translation>
    </message>
</context>
<context>
    <name>billing::ui::QuoteModel</name>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Package price, 1 year (%1)</source>
        <translation>资源包价格，1 年（%1）</translation>
    </message>
    <message>
        <source>Quota a month</source>
        <translation>每月额度</translation>
    </message>
    <message>
        <source>Calls pay-per-use</source>
        <translation>按需计费调用次数</translation>
    </message>
    <message>
        <source>Monthly cost (%1)</source>
        <translation>每月费用（%1）</translation>
    </message>
    <message>
        <source>Cheaper than pay-per-use</source>
        <translation>比按需计费更省钱</translation>
    </message>
</context>
<context>
    <name>billing::ui::RecommendationModel</name>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Package %1</source>
        <translation>资源包 %1</translation>
    </message>
    <message>
        <source>%1 (already)</source>
        <translation>%1（已是）</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Calls (30 days)</source>
        <translation>调用次数（30 天）</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Cheapest</source>
        <translation>最省钱</translation>
    </message>
    <message>
        <source>Monthly now (%1)</source>
        <translation>当前月费（%1）</translation>
    </message>
    <message>
        <source>Monthly cheapest (%1)</source>
        <translation>最省月费（%1）</translation>
    </message>
    <message>
        <source>Saving a month (%1)</source>
        <translation>每月节省（%1）</translation>
    </message>
    <message>
        <source>Quota lapsing unused</source>
        <translation>将失效的未用额度</translation>
    </message>
    <message>
        <source>Package runs out</source>
        <translation>资源包用完</translation>
    </message>
    <message>
        <source>Rest of term pay-per-use (%1)</source>
        <translation>剩余期限按需计费（%1）</translation>
    </message>
    <message>
        <source>Cheaper than pay-per-use</source>
        <translation>比按需计费更省钱</translation>
    </message>
</context>
<context>
    <name>billing::ui::ReconciliationPage</name>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Reconcile</source>
        <translation>对账(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Show &amp;records…</source>
        <translation>查看记录(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Export differences…</source>
        <translation>导出差异(&amp;E)…</translation>
    </message>
    <message>
        <source>Acce&amp;pt month</source>
        <translation>确认该月(&amp;P)</translation>
    </message>
    <message>
        <source>Column profile</source>
        <translation>列映射方案</translation>
    </message>
    <message>
        <source>Reconciliation progress</source>
        <translation>对账进度</translation>
    </message>
    <message>
        <source>Months</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Why the differences are accepted</source>
        <translation>接受这些差异的理由</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>我方</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>已对账</translation>
    </message>
    <message>
        <source>All causes</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Provider charged</source>
        <translation>服务商应付</translation>
    </message>
    <message>
        <source>Our charged</source>
        <translation>我方应付</translation>
    </message>
    <message>
        <source>Column &amp;profile:</source>
        <translation>列映射方案(&amp;P)：</translation>
    </message>
    <message>
        <source>Ca&amp;use:</source>
        <translation>原因(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>By the headers</source>
        <translation>按表头识别</translation>
    </message>
    <message>
        <source>No files chosen: add the provider&apos;s bill files (CSV, XLSX or ZIP).</source>
        <translation>尚未选择文件：请添加服务商的账单文件（CSV、XLSX 或其压缩包）。</translation>
    </message>
    <message>
        <source>Bill files</source>
        <translation>账单文件</translation>
    </message>
    <message>
        <source>Bill files (*.csv *.xlsx *.zip);;All files (*)</source>
        <translation>账单文件 (*.csv *.xlsx *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>Could not reconcile the files.</source>
        <translation>无法对这些文件对账。</translation>
    </message>
    <message numerus="yes">
        <source>Every month matches (%n row(s) read).</source>
        <translation>
            <numerusform>每个月都一致（已读取 %n 行）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read, %1 ignored; the months below differ.</source>
        <translation>
            <numerusform>已读取 %n 行，忽略 %1 行；以下月份存在差异。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not export the differences.</source>
        <translation>无法导出差异。</translation>
    </message>
    <message>
        <source>Saved the differences of %1 to %2</source>
        <translation>已将 %1 的差异保存到 %2</translation>
    </message>
    <message>
        <source>Could not accept the month.</source>
        <translation>无法确认该月。</translation>
    </message>
    <message>
        <source>%1 is reconciled.</source>
        <translation>%1 已对账。</translation>
    </message>
    <message>
        <source>&amp;Mapping profiles…</source>
        <translation>列映射方案(&amp;M)…</translation>
    </message>
    <message>
        <source>Map the columns of a bill file in another layout and save them as a profile</source>
        <translation>映射其他格式账单文件的列，并保存为方案</translation>
    </message>
    <message>
        <source>A bill file to map</source>
        <translation>要映射的账单文件</translation>
    </message>
    <message>
        <source>The columns of %1 are not recognized: map them to the fields of a provider bill and save them as a profile.</source>
        <translation>无法识别 %1 的列：请将它们映射到服务商账单的字段，并保存为方案。</translation>
    </message>
</context>
<context>
    <name>billing::ui::RecordFilterBar</name>
    <message>
        <source>Record id</source>
        <translation>记录 ID</translation>
    </message>
    <message>
        <source>Type a record id and press Enter to show only that record</source>
        <translation>输入记录 ID 并按 Enter，只显示该记录</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Records up to and including this day</source>
        <translation>截至这一天（含）的记录</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Charges (as billed)</source>
        <translation>扣费（按账单口径）</translation>
    </message>
    <message>
        <source>All modes</source>
        <translation>全部计费模式</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部账期</translation>
    </message>
    <message>
        <source>All APIs</source>
        <translation>全部 API</translation>
    </message>
    <message>
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部项目</translation>
    </message>
    <message>
        <source>Rese&amp;t filters</source>
        <translation>重置筛选(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>ID(&amp;I)：</translation>
    </message>
    <message>
        <source>Bill &amp;month:</source>
        <translation>账期(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>至(&amp;O)：</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;API:</source>
        <translation>API(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>Pro&amp;ject:</source>
        <translation>项目(&amp;J)：</translation>
    </message>
    <message>
        <source>Mo&amp;de:</source>
        <translation>计费模式(&amp;D)：</translation>
    </message>
    <message>
        <source>Record time</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Time of use</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <source>Record time: when the record was written (a usage line: the end of the hour that settled it). Time of use: the hour the calls were made, as the cost analysis and the anomalies count usage lines (a late line billed in a later month counts at its settlement); only usage lines.</source>
        <translation>记录时间：记录写入的时间（用量记录为结算该小时的时刻）。使用时间：调用发生的小时，与费用分析和异常检测统计用量记录的方式相同（计入更晚月份账单的迟到记录按其结算时间计）；仅限用量记录。</translation>
    </message>
    <message>
        <source>On time and late</source>
        <translation>按时与迟到</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Usage lines billed on time, or late (imported after their hour was settled)</source>
        <translation>按时计费的用量记录，或迟到的记录（在其小时结算后才导入）</translation>
    </message>
    <message>
        <source>Dates &amp;by:</source>
        <translation>日期依据(&amp;B)：</translation>
    </message>
    <message>
        <source>Timin&amp;g:</source>
        <translation>计费时机(&amp;G)：</translation>
    </message>
    <message>
        <source>Records from this day on (by the record&apos;s time or the time of use, as Dates by says; billing time zone)</source>
        <translation>从这一天起的记录（按记录时间或使用时间，由“日期依据”决定；计费时区）</translation>
    </message>
</context>
<context>
    <name>billing::ui::RecordTableModel</name>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Package purchase</source>
        <translation>购买资源包</translation>
    </message>
    <message>
        <source>Package renewal</source>
        <translation>资源包续费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>代金券</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>%1 (late)</source>
        <translation>%1（迟到）</translation>
    </message>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Bill month %1</source>
        <translation>账期 %1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Expenditure time</source>
        <translation>消费时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Fee (%1)</source>
        <translation>费用（%1）</translation>
    </message>
    <message>
        <source>Charged (%1)</source>
        <translation>实扣金额（%1）</translation>
    </message>
    <message>
        <source>Rounded off (%1)</source>
        <translation>抹零金额（%1）</translation>
    </message>
    <message>
        <source>Paid by coupon (%1)</source>
        <translation>代金券支付（%1）</translation>
    </message>
    <message>
        <source>Paid by cash (%1)</source>
        <translation>现金支付（%1）</translation>
    </message>
    <message>
        <source>Arrears (%1)</source>
        <translation>欠费（%1）</translation>
    </message>
</context>
<context>
    <name>billing::ui::RecordTotalsModel</name>
    <message>
        <source>Charges of %1 record(s) matching</source>
        <translation>符合条件的 %1 条记录的扣费</translation>
    </message>
    <message>
        <source>Usage, package purchases, renewals and refunds. Top-ups and coupons are credits and are not added in.</source>
        <translation>包括用量、资源包购买、续费和退款。充值和代金券属于入账，不计入合计。</translation>
    </message>
    <message>
        <source>Exact total: %1</source>
        <translation>精确合计：%1</translation>
    </message>
</context>
<context>
    <name>billing::ui::RenewDialog</name>
    <message>
        <source>Renew package %1</source>
        <translation>续费资源包 %1</translation>
    </message>
    <message>
        <source>A new one-year term for %1 in %2, paid now. It starts when the current term ends. Its size may differ from the current term&apos;s; the API and region stay.</source>
        <translation>为%2的%1续费一年，立即支付，在当前期限结束后生效。规格可以与当前这一期不同；API 和区域保持不变。</translation>
    </message>
    <message>
        <source>Size of the new term</source>
        <translation>新一期的规格</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>规格(&amp;S)：</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>价格：</translation>
    </message>
    <message>
        <source>Calls:</source>
        <translation>调用次数：</translation>
    </message>
    <message>
        <source>From coupons:</source>
        <translation>代金券抵扣：</translation>
    </message>
    <message>
        <source>From cash:</source>
        <translation>现金支付：</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>支付后余额：</translation>
    </message>
    <message>
        <source>New term:</source>
        <translation>新期限：</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Renew package %1 as %2 for %3</source>
        <translation>以 %3 将资源包 %1 续费为 %2</translation>
    </message>
    <message>
        <source>Renew package %1 for %2</source>
        <translation>以 %2 续费资源包 %1</translation>
    </message>
</context>
<context>
    <name>billing::ui::RenewalTableModel</name>
    <message>
        <source>Term ends (auto-renew on)</source>
        <translation>期限结束（已开启自动续费）</translation>
    </message>
    <message>
        <source>Expires (auto-renew off)</source>
        <translation>到期（未开启自动续费）</translation>
    </message>
    <message>
        <source>Auto-renew attempt: %1</source>
        <translation>自动续费尝试：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Auto-renew attempt as %1: %2</source>
        <translation>自动续费尝试（续费为 %1）：%2</translation>
    </message>
</context>
<context>
    <name>billing::ui::RightSizeConfirm</name>
    <message>
        <source>Next term of package %1 pay-per-use</source>
        <translation>资源包 %1 下一期改为按需计费</translation>
    </message>
    <message>
        <source>Auto-renew is switched off: the term ends on %1 and calls then fall back to pay-per-use.</source>
        <translation>将关闭自动续费：本期于 %1 结束，之后的调用改为按需计费。</translation>
    </message>
    <message>
        <source>Switch auto-renew off</source>
        <translation>关闭自动续费</translation>
    </message>
    <message>
        <source>Renew package %1 next term as %2</source>
        <translation>资源包 %1 下一期续费为 %2</translation>
    </message>
    <message>
        <source>Auto-renew is switched on with the size %1: every attempt, from the days before expiry set for it, renews as %1 at its price then, paid from coupons and cash.</source>
        <translation>将开启自动续费，规格为 %1：从设定的到期前天数起，每次尝试都按当时 %1 的价格续费为 %1，由代金券和现金支付。</translation>
    </message>
    <message>
        <source>Renew next term as %1</source>
        <translation>下一期续费为 %1</translation>
    </message>
    <message>
        <source>Each attempt pays:</source>
        <translation>每次尝试支付：</translation>
    </message>
    <message>
        <source>Next term:</source>
        <translation>下一期：</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Today&apos;s funds:</source>
        <translation>当前资金：</translation>
    </message>
    <message>
        <source>covered: %1 from coupons, %2 from cash</source>
        <translation>足够：代金券支付 %1，现金支付 %2</translation>
    </message>
    <message>
        <source>Next term&apos;s calls:</source>
        <translation>下一期调用次数：</translation>
    </message>
    <message>
        <source>A year as %1:</source>
        <translation>按 %1 一年：</translation>
    </message>
    <message>
        <source>A year as %1 (this term&apos;s size):</source>
        <translation>按 %1 一年（本期规格）：</translation>
    </message>
    <message>
        <source>Yearly difference:</source>
        <translation>每年差额：</translation>
    </message>
    <message>
        <source>not enough today: top up before the first attempt</source>
        <translation>当前不足：请在首次尝试前充值</translation>
    </message>
</context>
<context>
    <name>billing::ui::RightSizerPanel</name>
    <message>
        <source>pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Renewal right-sizer</source>
        <translation>续费规格建议</translation>
    </message>
    <message>
        <source>Term ends:</source>
        <translation>本期结束：</translation>
    </message>
    <message>
        <source>Used so far:</source>
        <translation>已使用：</translation>
    </message>
    <message>
        <source>Projected use to the end:</source>
        <translation>预计到期时用量：</translation>
    </message>
    <message>
        <source>Quota that will lapse:</source>
        <translation>将作废的额度：</translation>
    </message>
    <message>
        <source>Next term&apos;s calls:</source>
        <translation>下一期调用次数：</translation>
    </message>
    <message>
        <source>Renewing at this size:</source>
        <translation>按当前规格续费：</translation>
    </message>
    <message>
        <source>Cheapest for the next term:</source>
        <translation>下一期最省钱：</translation>
    </message>
    <message>
        <source>Yearly difference:</source>
        <translation>每年差额：</translation>
    </message>
    <message>
        <source>Auto-renew now:</source>
        <translation>当前自动续费：</translation>
    </message>
    <message>
        <source>Projected from the last 30 days&apos; calls; the next term is sized for the last 90 days&apos; calls, priced as the price calculator prices them.</source>
        <translation>按近 30 天的调用量预测；下一期按近 90 天的调用量选择规格，价格与价格计算器的计算一致。</translation>
    </message>
    <message>
        <source>Select a package to see how its term is likely to end and the best size for the next.</source>
        <translation>选择一个资源包，查看本期可能的用量结局以及下一期的最佳规格。</translation>
    </message>
    <message>
        <source>Package %1&apos;s term ends within %2 days.</source>
        <translation>资源包 %1 的本期将在 %2 天内结束。</translation>
    </message>
    <message>
        <source>%1 (package %2, %3)</source>
        <translation>%1（资源包 %2，%3）</translation>
    </message>
    <message>
        <source>%1 of %2 calls</source>
        <translation>%1 / %2 次调用</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 次调用</translation>
    </message>
    <message>
        <source>%1 calls, worth %2</source>
        <translation>%1 次调用，价值 %2</translation>
    </message>
    <message>
        <source>%1 (%2 a month, from the last %3 days)</source>
        <translation>%1（每月 %2，依据近 %3 天）</translation>
    </message>
    <message>
        <source>%1 a year as %2</source>
        <translation>按 %2 每年 %1</translation>
    </message>
    <message>
        <source>%1 at %2 a year</source>
        <translation>%1，每年 %2</translation>
    </message>
    <message>
        <source>on, renews as %1</source>
        <translation>开启，续费为 %1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Next term pay-per-use (auto-renew off)…</source>
        <translation>下一期按需计费（关闭自动续费）…</translation>
    </message>
    <message>
        <source>Renew next term as %1…</source>
        <translation>下一期续费为 %1…</translation>
    </message>
    <message>
        <source>Auto-renew already does this.</source>
        <translation>自动续费已是如此设置。</translation>
    </message>
    <message>
        <source>Renew next term…</source>
        <translation>下一期续费…</translation>
    </message>
</context>
<context>
    <name>billing::ui::ScenarioEditor</name>
    <message>
        <source>&amp;Add change</source>
        <translation>添加变更(&amp;A)</translation>
    </message>
    <message>
        <source>Remo&amp;ve change</source>
        <translation>删除变更(&amp;V)</translation>
    </message>
    <message>
        <source>Scenario name</source>
        <translation>场景名称</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Changes of the scenario; select one to edit it</source>
        <translation>场景的变更；选择一项进行编辑</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>all APIs</source>
        <translation>全部 API</translation>
    </message>
    <message>
        <source>%1%2: %3 %</source>
        <translation>%1%2：%3 %</translation>
    </message>
    <message>
        <source>, project %1</source>
        <translation>，项目 %1</translation>
    </message>
    <message>
        <source>%1 % of %2 to %3</source>
        <translation>%2 的 %1 % 迁移到 %3</translation>
    </message>
    <message>
        <source>%1 in %2, size %3</source>
        <translation>%2 的 %1，规格 %3</translation>
    </message>
    <message>
        <source>package %1</source>
        <translation>资源包 %1</translation>
    </message>
    <message>
        <source>package %1 as size %2</source>
        <translation>资源包 %1，续费为规格 %2</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2 的 %1</translation>
    </message>
    <message>
        <source>%1: %2 %3 %4</source>
        <translation>%1：%2 %3 %4</translation>
    </message>
    <message>
        <source>month cost %1</source>
        <translation>月度费用 %1</translation>
    </message>
    <message>
        <source>balance floor %1</source>
        <translation>余额下限 %1</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Cannot run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Change %1 (%2): %3</source>
        <translation>第 %1 项变更（%2）：%3</translation>
    </message>
</context>
<context>
    <name>billing::ui::ScenarioPlannerPage</name>
    <message>
        <source>&amp;Save scenario</source>
        <translation>保存场景(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <source>Saved scenarios; tick up to three to run</source>
        <translation>已保存的场景；勾选最多三个来运行</translation>
    </message>
    <message>
        <source>Tick up to three saved scenarios to run; none ticked runs the form&apos;s scenario</source>
        <translation>勾选最多三个已保存的场景来运行；未勾选时运行表单中的场景</translation>
    </message>
    <message>
        <source>Months to simulate</source>
        <translation>模拟的月数</translation>
    </message>
    <message>
        <source>Monthly bill of the baseline and each scenario</source>
        <translation>基线和各场景的月度账单</translation>
    </message>
    <message>
        <source>Monthly charged amount of the baseline and each scenario</source>
        <translation>基线和各场景的每月应付金额</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>应付金额</translation>
    </message>
    <message>
        <source>What happens in the simulated months</source>
        <translation>模拟月份中发生的事</translation>
    </message>
    <message>
        <source>Could not open the scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <source>Saved scenarios (double-click to edit):</source>
        <translation>已保存的场景（双击编辑）：</translation>
    </message>
    <message>
        <source>&amp;Months:</source>
        <translation>月数(&amp;M)：</translation>
    </message>
    <message>
        <source>Scenario planner</source>
        <translation>场景规划</translation>
    </message>
    <message>
        <source>The scenario cannot be saved</source>
        <translation>无法保存场景</translation>
    </message>
    <message>
        <source>The scenario cannot be deleted</source>
        <translation>无法删除场景</translation>
    </message>
    <message>
        <source>The scenario cannot run</source>
        <translation>场景无法运行</translation>
    </message>
    <message>
        <source>The scenarios cannot run</source>
        <translation>这些场景无法运行</translation>
    </message>
    <message>
        <source>tick at most %1 scenarios</source>
        <translation>最多勾选 %1 个场景</translation>
    </message>
    <message>
        <source>Simulating…</source>
        <translation>正在模拟…</translation>
    </message>
    <message>
        <source>The simulation did not finish</source>
        <translation>模拟未完成</translation>
    </message>
    <message numerus="yes">
        <source>Simulated %n month(s) from %1.</source>
        <translation>
            <numerusform>已模拟自 %1 起的 %n 个月。</numerusform>
        </translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基线</translation>
    </message>
    <message>
        <source>%1 − baseline</source>
        <translation>%1 − 基线</translation>
    </message>
    <message>
        <source>%1, %2: package %3 used up</source>
        <translation>%1，%2：资源包 %3 用完</translation>
    </message>
    <message>
        <source>%1, %2: package %3 lapses %4 calls worth %5</source>
        <translation>%1，%2：资源包 %3 作废 %4 次调用，价值 %5</translation>
    </message>
    <message>
        <source>%1, %2: budget %3 crosses %4 %</source>
        <translation>%1，%2：预算 %3 越过 %4 %</translation>
    </message>
    <message>
        <source>%1, %2: guard %3 fires</source>
        <translation>%1，%2：守卫 %3 触发</translation>
    </message>
    <message>
        <source>%1: change %2 refused: %3</source>
        <translation>%1：第 %2 项变更被拒绝：%3</translation>
    </message>
    <message>
        <source>No quota used up or lapsing, no budget crossed, no guard fired.</source>
        <translation>没有资源包用完或作废，没有越过预算，没有守卫触发。</translation>
    </message>
    <message>
        <source>One line per run: the baseline and each scenario, the charged amount of each simulated month; the table beside it has the figures.</source>
        <translation>每次运行一条线：基线和各场景，每个模拟月份的应付金额；旁边的表格列出具体数字。</translation>
    </message>
    <message>
        <source>Could not read the account</source>
        <translation>无法读取账户</translation>
    </message>
</context>
<context>
    <name>billing::ui::ScopeEditor</name>
    <message>
        <source>AP&amp;Is:</source>
        <translation>API(&amp;I)：</translation>
    </message>
    <message>
        <source>Re&amp;gions:</source>
        <translation>区域(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Projects:</source>
        <translation>项目(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>APIs of the scope</source>
        <translation>范围内的 API</translation>
    </message>
    <message>
        <source>Regions of the scope</source>
        <translation>范围内的区域</translation>
    </message>
    <message>
        <source>Projects of the scope</source>
        <translation>范围内的项目</translation>
    </message>
    <message>
        <source>Cost tags of the scope</source>
        <translation>范围内的成本标签</translation>
    </message>
    <message>
        <source>Click values to select or clear them; none selected counts every value.</source>
        <translation>点击值以选中或取消；未选任何值时计入全部值。</translation>
    </message>
</context>
<context>
    <name>billing::ui::ScreenshotRunner</name>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Could not show %1.</source>
        <translation>无法显示 %1。</translation>
    </message>
    <message>
        <source>%1 closed before its screenshot.</source>
        <translation>%1 在截图前已关闭。</translation>
    </message>
    <message>
        <source>%1 was still loading after %2 s.</source>
        <translation>%1 在 %2 秒后仍在加载。</translation>
    </message>
</context>
<context>
    <name>billing::ui::SeriesTableModel</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Exact: %1</source>
        <translation>精确值：%1</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>次调用</translation>
    </message>
    <message>
        <source>Total (%1)</source>
        <translation>合计（%1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>MMM yyyy</source>
        <comment>QDate format of a month, short</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Exact: %1 per 1,000 calls (%2 over %3 calls)</source>
        <translation>精确值：每千次调用 %1（%3 次调用共 %2）</translation>
    </message>
    <message>
        <source>No billable calls: the cost per 1,000 calls is undefined</source>
        <translation>无计费调用：每千次调用成本无定义</translation>
    </message>
    <message>
        <source>%1 per 1,000 calls</source>
        <translation>%1/千次调用</translation>
    </message>
</context>
<context>
    <name>billing::ui::ServiceListModel</name>
    <message>
        <source>Enabled since %1</source>
        <translation>自 %1 起已开通</translation>
    </message>
    <message>
        <source>Off since %1</source>
        <translation>自 %1 起已关闭</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已开通</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Billing mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Calls this month</source>
        <translation>本月调用次数</translation>
    </message>
    <message>
        <source>Cost this month (%1)</source>
        <translation>本月费用（%1）</translation>
    </message>
    <message>
        <source>The service is off: this is what its calls would cost once it is enabled.</source>
        <translation>该服务已关闭：这是开通后其调用的费用。</translation>
    </message>
    <message>
        <source>Next 1,000 calls (%1)</source>
        <translation>接下来 1,000 次调用（%1）</translation>
    </message>
    <message>
        <source>What the next 1,000 calls would cost now: nothing while a package in force has quota left, otherwise the pay-per-use tier this month&apos;s calls have reached.</source>
        <translation>接下来 1,000 次调用目前的费用：生效中的资源包尚有额度时为 0，否则按本月调用量所在的按需计费阶梯计算。</translation>
    </message>
</context>
<context>
    <name>billing::ui::ServiceTableModel</name>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Cards and IDs</source>
        <translation>卡证类</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>票据类</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>已开通</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 in %2 is enabled</source>
        <translation>%2的%1已开通</translation>
    </message>
    <message>
        <source>%1 in %2 is off</source>
        <translation>%2的%1已关闭</translation>
    </message>
    <message>
        <source>%1 in %2 is enabled since %3</source>
        <translation>%2的%1自 %3 起已开通</translation>
    </message>
    <message>
        <source>%1 in %2 is off since %3</source>
        <translation>%2的%1自 %3 起已关闭</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>billing::ui::ServicesPage</name>
    <message>
        <source>&amp;Enable…</source>
        <translation>开通(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Stop billing…</source>
        <translation>停止计费(&amp;S)…</translation>
    </message>
    <message>
        <source>Change billing &amp;mode…</source>
        <translation>变更计费模式(&amp;M)…</translation>
    </message>
    <message>
        <source>A disabled service rejects calls, so it is never billed. Select a service and press Ctrl+E to switch it on or off.</source>
        <translation>停用的服务会拒绝调用，因此不会计费。选中服务后按 Ctrl+E 可开通或停用。</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Could not load the services.</source>
        <translation>无法加载服务。</translation>
    </message>
    <message>
        <source>Every service is off: no call is billed</source>
        <translation>所有服务均已关闭：不会有调用被计费</translation>
    </message>
    <message>
        <source>Enabled: %1 of %2 · cost this month: %3 %4</source>
        <translation>已开通：%1 / %2 · 本月费用：%3 %4</translation>
    </message>
    <message>
        <source>&amp;Disable…</source>
        <translation>停用(&amp;D)…</translation>
    </message>
    <message>
        <source>Enable a service</source>
        <translation>开通服务</translation>
    </message>
    <message>
        <source>Disable a service</source>
        <translation>停用服务</translation>
    </message>
    <message>
        <source>%1 in %2 accepts calls from now on. They are billed %3.</source>
        <translation>%2的%1从现在起接受调用，并将%3计费。</translation>
    </message>
    <message>
        <source>from the package in force while it has quota, then pay-per-use</source>
        <translation>在生效资源包有额度时从资源包抵扣，之后按需</translation>
    </message>
    <message>
        <source>pay-per-use</source>
        <translation>按需</translation>
    </message>
    <message>
        <source>%1 in %2 rejects calls from now on, so they are no longer billed. Packages stay paid and usable until they expire if you enable it again.</source>
        <translation>%2的%1从现在起拒绝调用，因此不再计费。已购资源包保持有效，重新开通后可继续使用至到期。</translation>
    </message>
    <message>
        <source>Enable %1 in %2</source>
        <translation>开通%2的%1</translation>
    </message>
    <message>
        <source>Disable %1 in %2</source>
        <translation>停用%2的%1</translation>
    </message>
    <message>
        <source>Calls this month:</source>
        <translation>本月调用次数：</translation>
    </message>
    <message>
        <source>Cost this month:</source>
        <translation>本月费用：</translation>
    </message>
    <message>
        <source>Billing mode:</source>
        <translation>计费模式：</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>The service was not changed.</source>
        <translation>服务未更改。</translation>
    </message>
    <message>
        <source>Could not tell what stopping billing would stop.</source>
        <translation>无法确定停止计费会影响哪些项目。</translation>
    </message>
    <message>
        <source>Stop billing</source>
        <translation>停止计费</translation>
    </message>
    <message>
        <source>Every API is disabled, so calls are rejected and nothing more is billed, and auto-renew is switched off on every package. Packages already paid stay usable until they expire if you enable their API again.</source>
        <translation>所有 API 都将停用，调用会被拒绝，不再产生费用；所有资源包的自动续费也将关闭。已付费的资源包保持有效，重新开通其 API 后可继续使用至到期。</translation>
    </message>
    <message>
        <source>Stop billing for 1 service</source>
        <translation>停止 1 个服务的计费</translation>
    </message>
    <message>
        <source>Stop billing for %1 services</source>
        <translation>停止 %1 个服务的计费</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2的%1</translation>
    </message>
    <message>
        <source>package %1 (%2, %3)</source>
        <translation>资源包 %1（%2，%3）</translation>
    </message>
    <message>
        <source>Services disabled:</source>
        <translation>将停用的服务：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Auto-renewals off:</source>
        <translation>将关闭的自动续费：</translation>
    </message>
    <message>
        <source>Last month they cost:</source>
        <translation>上月费用：</translation>
    </message>
    <message>
        <source>Billing is already stopped: no service is enabled and no package renews automatically.</source>
        <translation>计费已停止：没有开通的服务，也没有自动续费的资源包。</translation>
    </message>
    <message>
        <source>Billing was not stopped.</source>
        <translation>计费未停止。</translation>
    </message>
    <message>
        <source>Services by API and region</source>
        <translation>按 API 和区域的服务</translation>
    </message>
    <message>
        <source>Ctrl+E switches the selected service on or off.</source>
        <translation>按 Ctrl+E 开通或停用所选服务。</translation>
    </message>
</context>
<context>
    <name>billing::ui::SettingsPage</name>
    <message>
        <source>alert thresholds</source>
        <translation>告警阈值</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>0 = no alert</source>
        <translation>0 = 不告警</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last save (Ctrl+Z)</source>
        <translation>撤销上一次保存 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Low-balance alert below:</source>
        <translation>余额低于此值时告警(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Package quota alert below:</source>
        <translation>资源包额度低于此比例时告警(&amp;P)：</translation>
    </message>
    <message>
        <source>A notification is raised when the balance falls below the threshold and when a package in force has less than this share of its quota left.</source>
        <translation>当余额低于阈值，或生效中的资源包剩余额度低于此比例时，会发出通知。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Could not load the settings.</source>
        <translation>无法加载设置。</translation>
    </message>
    <message>
        <source>The settings were not saved.</source>
        <translation>设置未保存。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>billing::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the console, grouped by where it works.</source>
        <translation>控制台的所有键盘快捷键，按适用范围分组。</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Menus</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Page “%1”</source>
        <translation>页面“%1”</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一个 / 上一个字段</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Switch between the page list and the page</source>
        <translation>在页面列表和页面之间切换</translation>
    </message>
    <message>
        <source>Open the menus</source>
        <translation>打开菜单</translation>
    </message>
    <message>
        <source>Alt, or Alt + the underlined letter</source>
        <translation>Alt，或 Alt + 带下划线的字母</translation>
    </message>
    <message>
        <source>Press the button or field with the underlined letter</source>
        <translation>激活带下划线字母的按钮或字段</translation>
    </message>
    <message>
        <source>Alt + the underlined letter</source>
        <translation>Alt + 带下划线的字母</translation>
    </message>
    <message>
        <source>Open the selected table row (bill line, record)</source>
        <translation>打开表格中所选的行（账单明细、记录）</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Edit the selected cell (tags)</source>
        <translation>编辑所选单元格（标签）</translation>
    </message>
    <message>
        <source>Close a dialog without changing anything</source>
        <translation>关闭对话框且不作任何更改</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>billing::ui::SizeChoice</name>
    <message>
        <source>%1 — %2 calls (the same size)</source>
        <translation>%1 — %2 次调用（相同规格）</translation>
    </message>
    <message>
        <source>%1 — %2 calls</source>
        <translation>%1 — %2 次调用</translation>
    </message>
</context>
<context>
    <name>billing::ui::TierModel</name>
    <message>
        <source>Tier</source>
        <translation>阶梯</translation>
    </message>
    <message>
        <source>From call</source>
        <translation>起始调用</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Price per 1,000 (%1)</source>
        <translation>每千次单价（%1）</translation>
    </message>
    <message>
        <source>Amount (%1)</source>
        <translation>面额（%1）</translation>
    </message>
</context>
<context>
    <name>billing::ui::TimeSeriesPlot</name>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>d MMM
HH:mm</source>
        <comment>QDateTime format of an hour on the time axis</comment>
        <translation>M月d日
HH:mm</translation>
    </message>
    <message>
        <source>d MMM
yyyy</source>
        <comment>QDate format of a day on the time axis</comment>
        <translation>M月d日
yyyy</translation>
    </message>
    <message>
        <source>MMM
yyyy</source>
        <comment>QDate format of a month on the time axis</comment>
        <translation>M月
yyyy</translation>
    </message>
</context>
<context>
    <name>billing::ui::TopUpDialog</name>
    <message>
        <source>Top up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>e.g. 100 or 250.50</source>
        <translation>例如 100 或 250.50</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>金额(&amp;A)：</translation>
    </message>
    <message>
        <source>Balance after:</source>
        <translation>支付后余额：</translation>
    </message>
    <message>
        <source>Arrears repaid:</source>
        <translation>偿还欠费：</translation>
    </message>
    <message>
        <source>State after:</source>
        <translation>充值后状态：</translation>
    </message>
    <message>
        <source>&amp;Top up</source>
        <translation>充值(&amp;T)</translation>
    </message>
    <message>
        <source>%1 clears the arrears</source>
        <translation>%1 即可结清欠费</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>No arrears</source>
        <translation>无欠费</translation>
    </message>
    <message>
        <source>%1 (all)</source>
        <translation>%1（全部）</translation>
    </message>
    <message>
        <source>%1 (%2 still owed)</source>
        <translation>%1（仍欠 %2）</translation>
    </message>
</context>
<context>
    <name>billing::ui::TotalsFooter</name>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>billing::ui::TotalsModel</name>
    <message>
        <source>Total of %1 shown</source>
        <translation>合计（显示 %1 行）</translation>
    </message>
    <message>
        <source>Exact total: %1</source>
        <translation>精确合计：%1</translation>
    </message>
    <message>
        <source>Exact: %1 per 1,000 calls, over the rows shown</source>
        <translation>精确值：每千次调用 %1（按所列各行合计）</translation>
    </message>
    <message>
        <source>No billable calls: the cost per 1,000 calls is undefined</source>
        <translation>无计费调用：每千次调用成本无定义</translation>
    </message>
</context>
<context>
    <name>billing::ui::TransactionsPage</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the export was cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <source>E&amp;xact fees (8 decimals)</source>
        <translation>精确费用（8 位小数）(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Calls behind the line…</source>
        <translation>查看明细行背后的调用(&amp;C)…</translation>
    </message>
    <message>
        <source>Ex&amp;port CSV…</source>
        <translation>导出 CSV(&amp;P)…</translation>
    </message>
    <message>
        <source>No transactions yet</source>
        <translation>暂无交易记录</translation>
    </message>
    <message>
        <source>Top-ups, package purchases and the hourly settlement of imported calls are listed here. Import call records… (Ctrl+I) fills it.</source>
        <translation>充值、资源包购买以及导入调用的每小时结算都列在这里。“导入调用记录…”（Ctrl+I）可导入数据。</translation>
    </message>
    <message>
        <source>Show fees and rounded-off amounts with all 8 decimals instead of whole cents</source>
        <translation>以完整的 8 位小数而非整分显示费用和抹零金额</translation>
    </message>
    <message>
        <source>Open the selected record: for a usage line, the calls, tier positions and fee behind it</source>
        <translation>打开所选记录：对于用量明细，显示其背后的调用、阶梯位置和费用</translation>
    </message>
    <message>
        <source>&amp;Import call records…</source>
        <translation>导入调用记录(&amp;I)…</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>消费明细</translation>
    </message>
    <message>
        <source>Could not load the transactions.</source>
        <translation>无法加载交易记录。</translation>
    </message>
    <message>
        <source>The totals are the charges (usage, package purchases, renewals, refunds).</source>
        <translation>合计为扣费金额（用量、资源包购买、续费、退款）。</translation>
    </message>
    <message>
        <source>The totals are the charges only. Also listed: %1 credit(s) (top-ups, coupons) of %2 %3, not added in.</source>
        <translation>合计仅含扣费。另列出 %1 条入账（充值、代金券），共 %2 %3，不计入合计。</translation>
    </message>
    <message>
        <source>No records match</source>
        <translation>没有符合条件的记录</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>显示 %1 / %2</translation>
    </message>
    <message>
        <source>Export the transactions</source>
        <translation>导出交易记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cancel ex&amp;port</source>
        <translation>取消导出(&amp;P)</translation>
    </message>
    <message>
        <source>Could not export the transactions.</source>
        <translation>无法导出交易记录。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Transaction records</source>
        <translation>交易记录</translation>
    </message>
    <message>
        <source>Enter opens the selected record with the calls, tier positions and fee behind it.</source>
        <translation>按 Enter 打开所选记录及其背后的调用、阶梯位置和费用。</translation>
    </message>
</context>
<context>
    <name>billing::ui::WaterfallPlot</name>
    <message>
        <source>Waterfall chart</source>
        <translation>瀑布图</translation>
    </message>
    <message>
        <source>Bars from the first total through each step to the last total, each with its amount; click a bar to show what is behind it.</source>
        <translation>从第一个合计经过各个步骤到最后一个合计的柱条，每根都标有金额；点击柱条可显示其背后的内容。</translation>
    </message>
</context>
<context>
    <name>billing::ui::costcenter</name>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Billing mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Enterprise project</source>
        <translation>企业项目</translation>
    </message>
    <message>
        <source>Cost tag</source>
        <translation>成本标签</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Shared (package purchases)</source>
        <translation>共享（资源包购买）</translation>
    </message>
    <message>
        <source>Untagged</source>
        <translation>未打标签</translation>
    </message>
    <message>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>资源包</translation>
    </message>
    <message>
        <source>Waste (lapsed quota)</source>
        <translation>浪费（失效额度）</translation>
    </message>
    <message>
        <source>General</source>
        <translation>通用</translation>
    </message>
    <message>
        <source>Cards and certificates</source>
        <translation>卡证类</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>票据类</translation>
    </message>
    <message>
        <source>Cost (%1)</source>
        <translation>费用（%1）</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Forecast %1 (%2 – %3)</source>
        <translation>预测 %1（%2 – %3）</translation>
    </message>
    <message>
        <source>%1: %2 % = %3</source>
        <translation>%1：%2 % = %3</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Save view “%1”</source>
        <translation>保存视图“%1”</translation>
    </message>
    <message>
        <source>Delete view “%1”</source>
        <translation>删除视图“%1”</translation>
    </message>
    <message>
        <source>Tag project “%1”</source>
        <translation>为项目“%1”设置标签</translation>
    </message>
    <message>
        <source>Add budget “%1”</source>
        <translation>添加预算“%1”</translation>
    </message>
    <message>
        <source>Remove budget “%1”</source>
        <translation>删除预算“%1”</translation>
    </message>
    <message>
        <source>Edit budget “%1”</source>
        <translation>编辑预算“%1”</translation>
    </message>
    <message>
        <source>Cost per 1,000 calls (%1)</source>
        <translation>每千次调用成本（%1）</translation>
    </message>
</context>
<context>
    <name>billing::ui::notifications</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>billing::ui::widgets</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>date and time, e.g. &quot;11/27/26 10:00&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 (UTC%3)</source>
        <extracomment>date, time and UTC offset, e.g. &quot;27 Nov 2026 10:00 (UTC+08:00)&quot;</extracomment>
        <translation>%1 %2（UTC%3）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Grace until %1</source>
        <translation>宽限期至 %1</translation>
    </message>
    <message>
        <source>Grace</source>
        <translation>宽限期</translation>
    </message>
    <message>
        <source>Frozen until %1</source>
        <translation>冻结至 %1</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Next 1,000 calls: %1 %2</source>
        <translation>接下来 1,000 次调用：%1 %2</translation>
    </message>
    <message>
        <source>%1 from package %2 (%3)</source>
        <translation>%1 次由资源包 %2（%3）抵扣</translation>
    </message>
    <message>
        <source>%1 at tier %2, %3 %4 per 1,000</source>
        <translation>%1 次按第 %2 阶梯，每千次 %3 %4</translation>
    </message>
</context>
<context>
    <name>billing::usage</name>
    <message>
        <source>a quoted field is not closed on this line (a quoted field may not span lines)</source>
        <translation>本行有未闭合的引号字段（引号字段不能跨行）</translation>
    </message>
    <message>
        <source>unexpected text after the closing quote</source>
        <translation>闭合引号后有多余的文本</translation>
    </message>
    <message>
        <source>a quote inside an unquoted field; quote the whole field and double the quote</source>
        <translation>未加引号的字段中含有引号；请给整个字段加引号，并将其中的引号写两遍</translation>
    </message>
    <message>
        <source>line %1, field &quot;%2&quot;: %3</source>
        <translation>第 %1 行，字段 “%2”：%3</translation>
    </message>
    <message>
        <source>line %1, column %2 (%3): %4</source>
        <translation>第 %1 行，第 %2 列（%3）：%4</translation>
    </message>
    <message>
        <source>cannot read the call records: the input is not open for reading</source>
        <translation>无法读取调用记录：输入未打开，不可读取</translation>
    </message>
    <message>
        <source>cannot read the call records: %1</source>
        <translation>无法读取调用记录：%1</translation>
    </message>
    <message>
        <source>line %1: the line is longer than %2 bytes</source>
        <translation>第 %1 行：该行超过 %2 字节</translation>
    </message>
    <message>
        <source>line %1: the text is not valid UTF-8</source>
        <translation>第 %1 行：文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (column %2)</source>
        <translation>“%1”（第 %2 列）</translation>
    </message>
    <message>
        <source>line %1: unknown column(s) %2; the allowed columns are %3</source>
        <translation>第 %1 行：未知列 %2；允许的列为 %3</translation>
    </message>
    <message>
        <source>line %1, column %2 (%3): the column appears twice (first in column %4)</source>
        <translation>第 %1 行，第 %2 列（%3）：该列重复出现（首次出现在第 %4 列）</translation>
    </message>
    <message>
        <source>line %1: the header lacks the required column(s) %2</source>
        <translation>第 %1 行：表头缺少必需的列 %2</translation>
    </message>
    <message>
        <source>line %1: expected %2 fields as in the header, found %3</source>
        <translation>第 %1 行：按表头应有 %2 个字段，实际为 %3 个</translation>
    </message>
    <message>
        <source>the timestamp is empty</source>
        <translation>时间戳为空</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a timestamp: use ISO 8601 with an offset and at most 6 decimals, e.g. 2026-10-01T08:00:00.250+08:00</source>
        <translation>“%1” 不是时间戳：请使用带时区偏移、最多 6 位小数的 ISO 8601 格式，例如 2026-10-01T08:00:00.250+08:00</translation>
    </message>
    <message>
        <source>unknown API &quot;%1&quot;</source>
        <translation>未知的 API “%1”</translation>
    </message>
    <message>
        <source>unknown region &quot;%1&quot;</source>
        <translation>未知的区域 “%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an HTTP status: use a whole number from 100 to 599</source>
        <translation>“%1” 不是 HTTP 状态码：请使用 100 到 599 之间的整数</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a count: use a whole number from 1 to 1000000000</source>
        <translation>“%1” 不是次数：请使用 1 到 1000000000 之间的整数</translation>
    </message>
    <message>
        <source>the enterprise project contains a control character</source>
        <translation>企业项目中含有控制字符</translation>
    </message>
    <message>
        <source>the enterprise project is longer than %1 characters</source>
        <translation>企业项目超过 %1 个字符</translation>
    </message>
    <message>
        <source>the request id contains a control character</source>
        <translation>请求 ID 中含有控制字符</translation>
    </message>
    <message>
        <source>the request id is longer than %1 characters</source>
        <translation>请求 ID 超过 %1 个字符</translation>
    </message>
    <message>
        <source>line %1: not a JSON object: %2 at character %3</source>
        <translation>第 %1 行：不是 JSON 对象：第 %3 个字符处%2</translation>
    </message>
    <message>
        <source>line %1: not a JSON object</source>
        <translation>第 %1 行：不是 JSON 对象</translation>
    </message>
    <message>
        <source>line %1, field &quot;%2&quot;: unknown field; the fields are %3</source>
        <translation>第 %1 行，字段 “%2”：未知字段；可用字段为 %3</translation>
    </message>
    <message>
        <source>must be a whole number or a string of digits</source>
        <translation>须为整数或数字字符串</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>须为字符串</translation>
    </message>
    <message>
        <source>the field is required but missing</source>
        <translation>缺少必填字段</translation>
    </message>
    <message>
        <source>the %1 data is damaged (%2)</source>
        <translation>%1 数据已损坏（%2）</translation>
    </message>
    <message>
        <source>the %1 data ends before its end mark: the file is cut off</source>
        <translation>%1 数据在结束标记之前中断：文件不完整</translation>
    </message>
    <message>
        <source>line %1: the file is a JSON array; JSON Lines is one JSON object per line, without [ ] around them (jq -c &apos;.[]&apos; converts an array)</source>
        <translation>第 %1 行：该文件是一个 JSON 数组；JSON Lines 是每行一个 JSON 对象，外面不加 [ ]（jq -c &apos;.[]&apos; 可以转换数组）</translation>
    </message>
    <message>
        <source>line %1: the line endings are CR only; save the file with LF or CRLF line endings</source>
        <translation>第 %1 行：换行符只有 CR；请以 LF 或 CRLF 换行符保存文件</translation>
    </message>
    <message>
        <source>the field appears twice in the object</source>
        <translation>该字段在对象中出现了两次</translation>
    </message>
    <message>
        <source>line %1, field &quot;%2&quot;: the field appears twice in the object</source>
        <translation>第 %1 行，字段 “%2”：该字段在对象中出现了两次</translation>
    </message>
    <message>
        <source>the check was cancelled</source>
        <translation>检查已取消</translation>
    </message>
    <message>
        <source>the call at %1 is later than now (%2)</source>
        <translation>%1 的调用晚于当前时间（%2）</translation>
    </message>
    <message>
        <source>late: the hour of %1 was already settled (import with &quot;bill late records&quot; to bill it as late usage)</source>
        <translation>迟到：%1 所在的小时已结算（导入时选择“补计迟到记录”可按迟到用量计费）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a time written as %2</source>
        <translation>“%1” 不是按 %2 书写的时间</translation>
    </message>
    <message>
        <source>line %1, field &quot;%2&quot; (%3): %4</source>
        <translation>第 %1 行，字段 “%2”（%3）：%4</translation>
    </message>
    <message>
        <source>line %1, column &quot;%2&quot; (%3): %4</source>
        <translation>第 %1 行，列 “%2”（%3）：%4</translation>
    </message>
</context>
<context>
    <name>billingctl</name>
    <message>
        <source>%1: --%2 is given twice</source>
        <translation>%1：--%2 重复指定</translation>
    </message>
    <message>
        <source>%1: --%2 needs a value</source>
        <translation>%1：--%2 需要一个值</translation>
    </message>
    <message>
        <source>%1: unknown option %2</source>
        <translation>%1：未知选项 %2</translation>
    </message>
    <message>
        <source>%1: missing argument (see &quot;billingctl help&quot;)</source>
        <translation>%1：缺少参数（参见 “billingctl help”）</translation>
    </message>
    <message>
        <source>%1: unexpected argument &quot;%2&quot;</source>
        <translation>%1：多余的参数 “%2”</translation>
    </message>
    <message>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <source>--now: %1</source>
        <translation>--now：%1</translation>
    </message>
    <message>
        <source>unknown option %1 (see &quot;billingctl help&quot;)</source>
        <translation>未知选项 %1（参见 “billingctl help”）</translation>
    </message>
    <message>
        <source>no command given (see &quot;billingctl help&quot;)</source>
        <translation>未指定命令（参见 “billingctl help”）</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see &quot;billingctl help&quot;)</source>
        <translation>未知命令 “%1”（参见 “billingctl help”）</translation>
    </message>
    <message>
        <source>Created the account &quot;%1&quot; in %2, starting %3 (billing time zone UTC%4).</source>
        <translation>已在 %2 创建账户 “%1”，自 %3 起（计费时区 UTC%4）。</translation>
    </message>
    <message>
        <source>Topped up %1; balance %2.</source>
        <translation>已充值 %1；余额 %2。</translation>
    </message>
    <message>
        <source>Account:  %1 (%2)</source>
        <translation>账户：  %1（%2）</translation>
    </message>
    <message>
        <source>Now:      %1</source>
        <translation>当前：  %1</translation>
    </message>
    <message>
        <source>Balance:  %1</source>
        <translation>余额：  %1</translation>
    </message>
    <message>
        <source>Arrears:  %1</source>
        <translation>欠费：  %1</translation>
    </message>
    <message>
        <source>State:    %1%2</source>
        <translation>状态：  %1%2</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation>，至 %1</translation>
    </message>
    <message>
        <source>Enabled:  no API service</source>
        <translation>已开通：无 API 服务</translation>
    </message>
    <message>
        <source>Coupon %1: %2 of %3 left, expires %4%5</source>
        <translation>代金券 %1：剩余 %2，共 %3，%4 到期%5</translation>
    </message>
    <message>
        <source>, for %1</source>
        <translation>，适用于 %1</translation>
    </message>
    <message>
        <source>Package %1: %2 %3 %4, %5 of %6 calls left, %7 → %8, %9%10</source>
        <translation>资源包 %1：%2 %3 %4，剩余 %5 次，共 %6 次，%7 → %8，%9%10</translation>
    </message>
    <message>
        <source>, auto-renew %1 days before</source>
        <translation>，到期前 %1 天自动续费</translation>
    </message>
    <message>
        <source>All invariants hold.</source>
        <translation>所有不变量均成立。</translation>
    </message>
    <message numerus="yes">
        <source>verify found %n problem(s); the first: %1</source>
        <translation>
            <numerusform>校验发现 %n 个问题；第一个：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>--months must be a whole number from 1 to 36</source>
        <translation>--months 须为 1 到 36 之间的整数</translation>
    </message>
    <message>
        <source>--seed must be a whole number</source>
        <translation>--seed 须为整数</translation>
    </message>
    <message>
        <source>Created a demo account in %1: %2 days, %3 call records, %4 calls.</source>
        <translation>已在 %1 创建演示账户：%2 天，%3 条调用记录，%4 次调用。</translation>
    </message>
    <message>
        <source>Backed up %1 to %2.</source>
        <translation>已将 %1 备份到 %2。</translation>
    </message>
    <message>
        <source>%1 already holds an account; add --replace to overwrite it with the backup</source>
        <translation>%1 中已有账户；加上 --replace 可用备份覆盖</translation>
    </message>
    <message>
        <source>the restored database fails verification: %1</source>
        <translation>恢复的数据库未通过校验：%1</translation>
    </message>
    <message>
        <source>Restored %1 into %2; all invariants hold.</source>
        <translation>已将 %1 恢复到 %2；所有不变量均成立。</translation>
    </message>
    <message>
        <source>cost: --%1 TIME is required</source>
        <translation>cost：必须指定 --%1 时间</translation>
    </message>
    <message>
        <source>cost: --granularity hour|day|month is required</source>
        <translation>cost：必须指定 --granularity hour|day|month</translation>
    </message>
    <message>
        <source>cost: --granularity must be hour, day or month, not &quot;%1&quot;</source>
        <translation>cost：--granularity 须为 hour、day 或 month，而不是 “%1”</translation>
    </message>
    <message>
        <source>cost: --view must be cash or amortized</source>
        <translation>cost：--view 须为 cash 或 amortized</translation>
    </message>
    <message>
        <source>cost: --group-by needs one or two of %1</source>
        <translation>cost：--group-by 需要 %1 中的一个或两个</translation>
    </message>
    <message>
        <source>Cost from %1 to %2 by %3, %4 view</source>
        <translation>%1 至 %2 的费用，粒度 %3，%4 视图</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Total: %1 calls, %2</source>
        <translation>合计：%1 次调用，%2</translation>
    </message>
    <message>
        <source>No usage in the last 30 days: nothing to advise.</source>
        <translation>近 30 天无用量：没有优化建议。</translation>
    </message>
    <message>
        <source>Month %1, settled until %2 (%3 of %4 days complete)</source>
        <translation>%1 月，已结算至 %2（%4 天中已完成 %3 天）</translation>
    </message>
    <message>
        <source>Month to date: %1</source>
        <translation>本月至今：%1</translation>
    </message>
    <message>
        <source>Forecast at month end: %1 (about 95 %: %2 to %3)</source>
        <translation>月末预测：%1（约 95 % 区间：%2 至 %3）</translation>
    </message>
    <message>
        <source>Forecast at month end: %1 (too few days for an interval)</source>
        <translation>月末预测：%1（天数太少，无法给出区间）</translation>
    </message>
    <message>
        <source>price: &quot;%1&quot; is not a number of calls</source>
        <translation>price：“%1” 不是调用次数</translation>
    </message>
    <message>
        <source>%1 calls a month of %2, amounts in %3</source>
        <translation>%2 每月 %1 次调用，金额单位 %3</translation>
    </message>
    <message>
        <source>tier %1: %2 calls from #%3 at %4 per 1000 = %5</source>
        <translation>阶梯 %1：自第 %3 次起 %2 次调用，每千次 %4 = %5</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>（未打标签）</translation>
    </message>
    <message>
        <source>No project has tags.</source>
        <translation>没有项目设置了标签。</translation>
    </message>
    <message>
        <source>Bill %1 (%2), amounts in %3</source>
        <translation>账单 %1（%2），金额单位 %3</translation>
    </message>
    <message>
        <source>final</source>
        <translation>已出账</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未出账</translation>
    </message>
    <message>
        <source>API</source>
        <translation>API</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>实扣金额</translation>
    </message>
    <message>
        <source>Rounded off</source>
        <translation>抹零金额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Paid by coupon %1, by cash %2, arrears %3.</source>
        <translation>代金券支付 %1，现金支付 %2，欠费 %3。</translation>
    </message>
    <message>
        <source>--type must be one of usage, purchase, renewal, refund, topup</source>
        <translation>--type 须为 usage、purchase、renewal、refund、topup 之一</translation>
    </message>
    <message>
        <source>--limit must be a whole number</source>
        <translation>--limit 须为整数</translation>
    </message>
    <message>
        <source>line: &quot;%1&quot; is not a transaction id</source>
        <translation>line：“%1” 不是交易 ID</translation>
    </message>
    <message>
        <source>budget set: &quot;%1&quot; is not an amount</source>
        <translation>budget set：“%1” 不是金额</translation>
    </message>
    <message>
        <source>Budget %1: %2 a month, alerts at %3 % of actual and %4 % of forecast spend</source>
        <translation>预算 %1：每月 %2，实际支出达 %3 %、预测支出达 %4 % 时告警</translation>
    </message>
    <message>
        <source>No budgets.</source>
        <translation>没有预算。</translation>
    </message>
    <message>
        <source>there is no budget named &quot;%1&quot;</source>
        <translation>没有名为 “%1” 的预算</translation>
    </message>
    <message>
        <source>Budget %1 removed</source>
        <translation>预算 %1 已删除</translation>
    </message>
    <message>
        <source>budget: give set, list or remove</source>
        <translation>budget：请指定 set、list 或 remove</translation>
    </message>
    <message>
        <source>%1 in %2 was already enabled.</source>
        <translation>%2 的 %1 已是开通状态。</translation>
    </message>
    <message>
        <source>%1 in %2 was already disabled.</source>
        <translation>%2 的 %1 已是停用状态。</translation>
    </message>
    <message>
        <source>Enabled %1 in %2.</source>
        <translation>已开通 %2 的 %1。</translation>
    </message>
    <message>
        <source>Disabled %1 in %2.</source>
        <translation>已停用 %2 的 %1。</translation>
    </message>
    <message>
        <source>Billing stopped: %1 service(s) disabled, auto-renew switched off on %2 package(s).</source>
        <translation>计费已停止：停用 %1 个服务，关闭 %2 个资源包的自动续费。</translation>
    </message>
    <message>
        <source>grant-coupon: --expires TIME is required</source>
        <translation>grant-coupon：必须指定 --expires 时间</translation>
    </message>
    <message>
        <source>--expires: %1</source>
        <translation>--expires：%1</translation>
    </message>
    <message>
        <source>Coupon %1 granted: %2.</source>
        <translation>已发放代金券 %1：%2。</translation>
    </message>
    <message>
        <source>--effective: %1</source>
        <translation>--effective：%1</translation>
    </message>
    <message>
        <source>--quantity must be a whole number from 1 to 100</source>
        <translation>--quantity 须为 1 到 100 之间的整数</translation>
    </message>
    <message>
        <source>--days must be a whole number from 1 to 30</source>
        <translation>--days 须为 1 到 30 之间的整数</translation>
    </message>
    <message>
        <source>renew: &quot;%1&quot; is not a package id</source>
        <translation>renew：“%1” 不是资源包 ID</translation>
    </message>
    <message>
        <source>auto-renew: &quot;%1&quot; is not a package id</source>
        <translation>auto-renew：“%1” 不是资源包 ID</translation>
    </message>
    <message>
        <source>auto-renew: say on or off, not &quot;%1&quot;</source>
        <translation>auto-renew：请指定 on 或 off，而不是 “%1”</translation>
    </message>
    <message>
        <source>Auto-renew of package %1 is %2.</source>
        <translation>资源包 %1 的自动续费：%2。</translation>
    </message>
    <message>
        <source>unsubscribe: &quot;%1&quot; is not a package id</source>
        <translation>unsubscribe：“%1” 不是资源包 ID</translation>
    </message>
    <message>
        <source>Package %1 unsubscribed; refunded %2 (%3 to cash, %4 to coupons).</source>
        <translation>资源包 %1 已退订；退款 %2（%3 退回现金，%4 退回代金券）。</translation>
    </message>
    <message>
        <source>cannot read standard input</source>
        <translation>无法读取标准输入</translation>
    </message>
    <message>
        <source>import-calls: no file %1</source>
        <translation>import-calls：文件 %1 不存在</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>Imported %1 record(s), %2 call(s)%3.</source>
        <translation>已导入 %1 条记录，%2 次调用%3。</translation>
    </message>
    <message>
        <source>, %1 late</source>
        <translation>，其中 %1 条迟到</translation>
    </message>
    <message>
        <source>Caught up to %1.</source>
        <translation>已处理至 %1。</translation>
    </message>
    <message>
        <source>export-bill needs --format csv|xlsx|pdf and --out FILE</source>
        <translation>export-bill 需要 --format csv|xlsx|pdf 和 --out 文件</translation>
    </message>
    <message>
        <source>--out needs a file name</source>
        <translation>--out 需要文件名</translation>
    </message>
    <message>
        <source>Wrote the bill of %1 to %2</source>
        <translation>已将 %1 的账单写入 %2</translation>
    </message>
    <message>
        <source>--as cannot be used with a PostgreSQL database: the database user is who acts</source>
        <translation>--as 不能用于 PostgreSQL 数据库：操作人就是数据库用户</translation>
    </message>
    <message>
        <source>--as needs a user name</source>
        <translation>--as 需要一个用户名</translation>
    </message>
    <message>
        <source>usage: billingctl [--db PATH|postgresql://USER:PASSWORD@HOST:PORT/DBNAME] [--now TIME] [--as USER] [--json] COMMAND [ARGS...]</source>
        <translation>用法：billingctl [--db 路径|postgresql://用户:密码@主机:端口/数据库名] [--now 时间] [--as 用户] [--json] 命令 [参数...]</translation>
    </message>
    <message>
        <source>Roles: owner (everything), finance (top-ups, imports, backups; reads everything), analyst (reads everything; tags and budgets). The acting user is the operating-system user; --as USER overrides it for tests. An account without members is single-user.</source>
        <translation>角色：所有者（全部权限）、财务（充值、导入、备份；可查看全部）、分析员（可查看全部；标签和预算）。操作人为操作系统用户；--as 用户 可在测试时替代。没有成员的账户为单用户账户。</translation>
    </message>
    <message>
        <source>Exit codes: 0 done, 1 refused by a business rule or a role, 2 bad usage, 3 bad data.</source>
        <translation>退出码：0 完成，1 被业务规则或角色拒绝，2 用法错误，3 数据错误。</translation>
    </message>
    <message>
        <source>member set: unknown role &quot;%1&quot;; say %2</source>
        <translation>member set：未知角色“%1”；可用 %2</translation>
    </message>
    <message>
        <source>%1 is now a member in the role %2.</source>
        <translation>%1 现在是角色为%2的成员。</translation>
    </message>
    <message>
        <source>%1 is no longer a member.</source>
        <translation>%1 已不再是成员。</translation>
    </message>
    <message>
        <source>No members: the account is single-user and everyone who opens it is its owner.</source>
        <translation>没有成员：此账户为单用户账户，任何打开它的人都是所有者。</translation>
    </message>
    <message>
        <source>member: give set, list or remove</source>
        <translation>member：请指定 set、list 或 remove</translation>
    </message>
    <message>
        <source>%1 (owner: the account has no members)</source>
        <translation>%1（所有者：账户没有成员）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>package %1 / 12 + %2 calls pay-per-use; %3</source>
        <translation>资源包 %1 / 12 + %2 次按需调用；%3</translation>
    </message>
    <message>
        <source>the PDF export needs %1, which could not be loaded: %2</source>
        <translation>导出 PDF 需要 %1，但无法加载它：%2</translation>
    </message>
    <message>
        <source>import-calls: %1</source>
        <translation>import-calls：%1</translation>
    </message>
    <message>
        <source>profile: give save, list, show or remove</source>
        <translation>profile：请指定 save、list、show 或 remove</translation>
    </message>
    <message>
        <source>profile save: no file %1</source>
        <translation>profile save：文件 %1 不存在</translation>
    </message>
    <message>
        <source>Column profile %1 replaced.</source>
        <translation>列映射配置 %1 已替换。</translation>
    </message>
    <message>
        <source>Column profile %1 saved.</source>
        <translation>列映射配置 %1 已保存。</translation>
    </message>
    <message>
        <source>No column profiles.</source>
        <translation>没有列映射配置。</translation>
    </message>
    <message>
        <source>Column profile %1 removed.</source>
        <translation>列映射配置 %1 已删除。</translation>
    </message>
    <message>
        <source>Enabled:  %1 in %2, next 1,000 calls %3</source>
        <translation>已开通：%2 的 %1，接下来 1,000 次调用 %3</translation>
    </message>
    <message>
        <source>budget set: --%1 needs at least one value</source>
        <translation>budget set：--%1 至少需要一个值</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>范围：%1</translation>
    </message>
    <message>
        <source>%1 (%8): %2 a month; %3 so far %4 (%5 %), forecast %6 (%7 %)</source>
        <translation>%1（%8）：每月 %2；%3 目前 %4（%5 %），预测 %6（%7 %）</translation>
    </message>
    <message>
        <source>cost: --measure must be cost, calls or unit-cost, not &quot;%1&quot;</source>
        <translation>cost：--measure 须为 cost、calls 或 unit-cost，而不是 “%1”</translation>
    </message>
    <message>
        <source>Billable calls from %1 to %2 by %3, %4 view</source>
        <translation>%1 至 %2 的计费调用次数，粒度 %3，%4 视图</translation>
    </message>
    <message>
        <source>Cost per 1,000 billable calls from %1 to %2 by %3, %4 view</source>
        <translation>%1 至 %2 每千次计费调用的费用，粒度 %3，%4 视图</translation>
    </message>
    <message>
        <source>Per 1,000</source>
        <translation>每千次</translation>
    </message>
    <message>
        <source>Total: %1 calls</source>
        <translation>合计：%1 次调用</translation>
    </message>
    <message>
        <source>Total: %1 calls, %2, %3 per 1,000 calls</source>
        <translation>合计：%1 次调用，%2，每千次调用 %3</translation>
    </message>
    <message>
        <source>export-focus needs --from MONTH --to MONTH --out FILE</source>
        <translation>export-focus 需要 --from MONTH --to MONTH --out FILE</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n FOCUS 1.2 row(s) of %1 to %2 to %3</source>
        <translation>
            <numerusform>已将 %1 至 %2 的 %n 行 FOCUS 1.2 数据写入 %3</numerusform>
        </translation>
    </message>
    <message>
        <source>, auto-renew %1 days before as %2</source>
        <translation>，到期前 %1 天自动续费为 %2</translation>
    </message>
    <message>
        <source>auto-renew: --sku goes with on (the size to renew as), not off</source>
        <translation>auto-renew：--sku（续费规格）只能与 on 一起使用，不能与 off 一起使用</translation>
    </message>
    <message>
        <source>Auto-renew of package %1 is on, renewing as %2.</source>
        <translation>资源包 %1 的自动续费已开启，续费为 %2。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2 %3 %4: %5 %6 against a baseline of %7; reference day %8 cost %9, difference %10 (%11); main cause: %12; calls %13 (reference %14), failed %15 (reference %16)</source>
        <translation>%1 %2 %3 %4：%5 %6，基线为 %7；参照日 %8 费用 %9，差额 %10（%11）；主要原因：%12；调用 %13 次（参照日 %14 次），失败 %15 次（参照日 %16 次）</translation>
    </message>
    <message>
        <source>rise to</source>
        <translation>上升至</translation>
    </message>
    <message>
        <source>drop to</source>
        <translation>下降至</translation>
    </message>
    <message>
        <source>anomalies: --%1 TIME is required</source>
        <translation>anomalies：必须提供 --%1 TIME</translation>
    </message>
    <message>
        <source>No anomalies from %1 to %2.</source>
        <translation>%1 至 %2 期间没有异常。</translation>
    </message>
    <message>
        <source>every API</source>
        <translation>所有 API</translation>
    </message>
    <message>
        <source>%1 in every region</source>
        <translation>%1（所有区域）</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1: month&apos;s cost of %2 reaching %3</source>
        <translation>%1：%2 的月度费用达到 %3</translation>
    </message>
    <message>
        <source>%1: balance at or below %2</source>
        <translation>%1：余额达到或低于 %2</translation>
    </message>
    <message>
        <source>fired at %1</source>
        <translation>已于 %1 触发</translation>
    </message>
    <message>
        <source>armed</source>
        <translation>待命</translation>
    </message>
    <message>
        <source>guard: give set, list, remove or dry-run</source>
        <translation>guard：请给出 set、list、remove 或 dry-run</translation>
    </message>
    <message>
        <source>guard set: give the scope with --api API or --api all</source>
        <translation>guard set：请用 --api API 或 --api all 指定范围</translation>
    </message>
    <message>
        <source>Guard %1; first checked at the next hour&apos;s end.</source>
        <translation>守卫 %1；将在下一个整点首次检查。</translation>
    </message>
    <message>
        <source>No guards.</source>
        <translation>没有守卫。</translation>
    </message>
    <message>
        <source>Guard %1 removed.</source>
        <translation>守卫 %1 已删除。</translation>
    </message>
    <message>
        <source>guard dry-run: give the days to replay with --days N</source>
        <translation>guard dry-run：请用 --days N 指定回放天数</translation>
    </message>
    <message>
        <source>--days must be a whole number from 1 to %1</source>
        <translation>--days 必须是 1 到 %1 之间的整数</translation>
    </message>
    <message>
        <source>there is no guard named &quot;%1&quot;; describe one with --api and --month-cost or --balance-floor to try it unsaved</source>
        <translation>没有名为“%1”的守卫；可用 --api 加 --month-cost 或 --balance-floor 描述一个守卫，不保存而试运行</translation>
    </message>
    <message>
        <source>Over the last %1 day(s) guard %2 would have fired at %3, rejecting %4 call(s) and avoiding %5 of charges.</source>
        <translation>在过去 %1 天内，守卫 %2 会在 %3 触发，拒绝 %4 次调用，避免 %5 的费用。</translation>
    </message>
    <message>
        <source>Over the last %1 day(s) guard %2 would not have fired.</source>
        <translation>在过去 %1 天内，守卫 %2 不会触发。</translation>
    </message>
    <message>
        <source>package %1 %2 %3 %4, term ends %5: used %6 of %7, projected %8, lapsing %9 worth %10; next term %11 calls (last %12 days): best %13 at %14 a year, renewing as %4 %15, difference %16 a year</source>
        <translation>资源包 %1 %2 %3 %4，本期结束于 %5：已用 %6 / %7，预计 %8，将作废 %9，价值 %10；下一期 %11 次调用（近 %12 天）：最佳 %13，每年 %14，按 %4 续费每年 %15，每年差额 %16</translation>
    </message>
    <message>
        <source>rightsize: --within &quot;%1&quot; is not a whole number of days</source>
        <translation>rightsize：--within “%1” 不是整数天数</translation>
    </message>
    <message>
        <source>rightsize: &quot;%1&quot; is not a package id</source>
        <translation>rightsize：“%1” 不是资源包 ID</translation>
    </message>
    <message>
        <source>No package term ends within %1 days.</source>
        <translation>没有资源包的本期在 %1 天内结束。</translation>
    </message>
    <message>
        <source>%1 %2: charged %3, fee %4</source>
        <translation>%1 %2：应付 %3，原价 %4</translation>
    </message>
    <message>
        <source>, difference %1</source>
        <translation>，差额 %1</translation>
    </message>
    <message>
        <source>; package %1 used up</source>
        <translation>；资源包 %1 用完</translation>
    </message>
    <message>
        <source>; package %1 lapses %2 calls</source>
        <translation>；资源包 %1 作废 %2 次调用</translation>
    </message>
    <message>
        <source>; budget %1 crosses %2 %</source>
        <translation>；预算 %1 越过 %2 %</translation>
    </message>
    <message>
        <source>; guard %1 fires</source>
        <translation>；守卫 %1 触发</translation>
    </message>
    <message>
        <source>whatif: give one to %1 scenario files</source>
        <translation>whatif：请给出 1 到 %1 个场景文件</translation>
    </message>
    <message>
        <source>whatif: --months must be a whole number from 1 to %1, not &quot;%2&quot;</source>
        <translation>whatif：--months 须为 1 到 %1 之间的整数，而不是“%2”</translation>
    </message>
    <message>
        <source>whatif: no file %1</source>
        <translation>whatif：文件 %1 不存在</translation>
    </message>
    <message>
        <source>whatif: cannot read %1</source>
        <translation>whatif：无法读取 %1</translation>
    </message>
    <message>
        <source>%1: changes[%2] refused at %3: %4</source>
        <translation>%1：changes[%2] 在 %3 被拒绝：%4</translation>
    </message>
    <message>
        <source>close needs --out DIR</source>
        <translation>close 需要 --out 文件夹</translation>
    </message>
    <message>
        <source>close: &quot;%1&quot; is not a month (YYYY-MM)</source>
        <translation>close：“%1” 不是月份（YYYY-MM）</translation>
    </message>
    <message>
        <source>Closed %1: %2</source>
        <translation>%1 已结账：%2</translation>
    </message>
    <message>
        <source>Content hash (SHA-256): %1</source>
        <translation>内容哈希（SHA-256）：%1</translation>
    </message>
    <message>
        <source>Audit chain head at closing: %1</source>
        <translation>结账时审计链头哈希：%1</translation>
    </message>
    <message>
        <source>reconcile: no file %1</source>
        <translation>reconcile：没有文件 %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 calls, fee %2, charged %3</source>
        <translation>%1 次调用，费用 %2，应付 %3</translation>
    </message>
    <message>
        <source>%1: %2, %3 row(s), %4 ignored</source>
        <translation>%1：%2，%3 行，忽略 %4 行</translation>
    </message>
    <message>
        <source>%1: provider %2, ours %3, difference %4; %5 line(s) matched, %6 difference(s)%7</source>
        <translation>%1：服务商 %2，我方 %3，差额 %4；%5 条明细一致，%6 处差异%7</translation>
    </message>
    <message>
        <source>; reconciled</source>
        <translation>；已对账</translation>
    </message>
    <message>
        <source>  %1 %2: provider %3; ours %4; difference %5</source>
        <translation>  %1 %2：服务商 %3；我方 %4；差额 %5</translation>
    </message>
    <message>
        <source>reconcile: the files and the account differ</source>
        <translation>reconcile：文件与账号不一致</translation>
    </message>
    <message>
        <source>%1 is reconciled; %2 difference(s) accepted.</source>
        <translation>%1 已对账；已接受 %2 处差异。</translation>
    </message>
    <message>
        <source>Of these, %1 would not have been arrears.</source>
        <translation>其中 %1 本不会成为欠费。</translation>
    </message>
</context>
</TS>
