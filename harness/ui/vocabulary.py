"""The words privacy-probe looks for on screens (Chinese first, then English).

Sources: the controls named in the project's regulatory reference (认定方法 三.4, SPRINGER 1.1-7,
the 2023 26号文 wording) and what Chinese and international apps commonly show.
"""

from __future__ import annotations

from harness.ui.words import Words

PRIVACY_MARKERS = Words(
    "privacy",
    contains=(
        "隐私", "个人信息", "用户协议", "服务协议", "用户服务协议", "privacy", "personal data",
        "personal information", "terms of service", "terms of use", "data protection",
    ),
)  # fmt: skip

# Checked before ACCEPT: "不同意" contains "同意".
REFUSE = Words(
    "refuse",
    contains=(
        "不同意", "拒绝", "暂不使用", "暂不同意", "不接受", "不使用", "退出", "取消", "仅浏览", "再想想",
        "disagree", "decline", "reject", "refuse", "don't agree", "do not agree", "not now",
        "no thanks", "exit", "quit", "cancel", "deny",
    ),
)  # fmt: skip

# An acknowledgement is not consent (认定方法 三.4; SPRINGER 1.1-7: 好的/我知道了/知道了).
ACKNOWLEDGE = Words(
    "acknowledge",
    exact=(
        "我知道了", "知道了", "好的", "好", "明白了", "我明白了", "ok", "okay", "got it", "i know",
        "i see", "understood",
    ),
)  # fmt: skip

ACCEPT = Words(
    "accept",
    contains=(
        "同意", "接受", "agree", "accept", "i consent", "consent and continue",
    ),
    exact=("开始使用", "进入应用", "继续", "continue", "allow and continue", "start"),
)  # fmt: skip

CLOSE = Words(
    "close",
    contains=(
        "关闭", "跳过", "以后再说", "下次再说", "不感兴趣", "残忍拒绝", "暂不", "close", "skip",
        "dismiss", "no thanks", "not now", "maybe later",
    ),
    exact=("×", "x", "✕", "✖", "╳", "取消", "cancel", "later", "我知道了", "知道了", "got it"),
)  # fmt: skip

CLOSE_ID_PARTS = ("close", "skip", "dismiss", "cancel")

ACCOUNT_CANCELLATION = Words(
    "account cancellation",
    contains=(
        "注销账号", "注销账户", "注销帐号", "注销帐户", "账号注销", "账户注销", "帐号注销", "帐户注销",
        "删除账号", "删除账户", "删除帐号", "账号删除", "注销用户", "delete account", "delete my account",
        "delete your account", "close account", "close my account", "deactivate", "remove account",
        "account deletion", "cancel account", "terminate account",
    ),
)  # fmt: skip

# Entries that usually lead towards account settings: explored first.
NAVIGATION_HINTS = Words(
    "navigation",
    contains=(
        "我的", "设置", "账号", "账户", "帐号", "安全", "隐私", "个人中心", "更多", "settings", "account",
        "profile", "security", "privacy", "more",
    ),
    exact=("我", "me", "mine"),
)  # fmt: skip

# Never tapped while exploring: they spend money, destroy data or end the session.
UNSAFE = Words(
    "unsafe",
    contains=(
        "支付", "付款", "购买", "充值", "开通", "续费", "下单", "抢购", "订阅", "删除", "清空", "清除",
        "永久", "格式化", "退出登录", "退出账号", "注销登录", "切换账号", "退出应用", "pay", "buy",
        "purchase", "subscribe", "checkout", "order now", "delete", "erase", "clear", "reset",
        "remove", "log out", "logout", "sign out", "exit", "quit",
    ),
)  # fmt: skip

# Moving on inside a cancellation flow without confirming it.
PROCEED = Words(
    "proceed",
    contains=(
        "下一步", "继续", "申请注销", "提交", "我已了解", "next", "continue", "proceed", "submit",
        "i understand",
    ),
)  # fmt: skip

# The irreversible last step of a cancellation flow: found, never tapped.
CONFIRM_CANCELLATION = Words(
    "confirm cancellation",
    contains=(
        "确认注销", "确定注销", "永久注销", "注销", "确认删除", "confirm", "permanently delete",
        "delete account", "delete my account", "yes, delete",
    ),
)  # fmt: skip

OFFLINE_ONLY = Words(
    "offline only",
    contains=(
        "线下", "营业厅", "柜台", "门店", "网点", "到店", "亲临", "邮寄", "in person", "visit a store",
        "visit our office", "by mail", "branch",
    ),
)  # fmt: skip

CUSTOMER_SERVICE_ONLY = Words(
    "customer service only",
    contains=(
        "客服", "致电", "拨打", "热线", "人工服务", "customer service", "customer support", "contact support",
        "contact us", "call us", "email us", "support team",
    ),
)  # fmt: skip

NOT_SUPPORTED = Words(
    "not supported",
    contains=(
        "暂不支持", "不支持注销", "无法注销", "暂未开放", "不能注销", "不提供注销", "not supported",
        "not available", "unavailable", "cannot be deleted", "can't be deleted", "not possible",
    ),
)  # fmt: skip

PERMISSION_REQUIRED = Words(
    "permission required",
    contains=("权限", "授权", "去设置", "开启", "permission", "required", "go to settings", "grant"),
)  # fmt: skip

# Signs that the app has user accounts at all (without them, cancellation does not apply).
ACCOUNT_PRESENCE = Words(
    "account",
    contains=(
        "账号", "账户", "帐号", "帐户", "登录", "注册", "个人中心", "会员", "手机号", "sign in", "log in",
        "login", "sign up", "register", "account", "profile",
    ),
)  # fmt: skip
