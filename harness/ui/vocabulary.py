"""The words privacy-probe looks for on screens (Chinese first, then English).

Sources: the controls named in the project's regulatory reference (认定方法 三.4, SPRINGER 1.1-7,
the 2023 26号文 wording) and what Chinese and international apps commonly show.
"""

from __future__ import annotations

from harness.ui.words import Words

PRIVACY_MARKERS = Words(
    "privacy",
    contains=(
        "隐私", "个人信息", "用户协议", "服务协议", "用户服务协议", "隱私", "個人資料", "個人信息",
        "個人資訊", "用戶協議", "使用者條款", "服務條款", "服務協議", "privacy", "personal data",
        "personal information", "terms of service", "terms of use", "data protection", "cookie",
        "cookies", "your data", "our partners", "personalised ads", "personalized ads",
    ),
)  # fmt: skip

# Checked before ACCEPT: "不同意" contains "同意".
REFUSE = Words(
    "refuse",
    contains=(
        "不同意", "拒绝", "拒絕", "暂不使用", "暫不使用", "暂不同意", "暫不同意", "不接受", "不使用",
        "退出", "取消", "再想想", "disagree", "decline", "reject", "refuse", "don't agree", "do not agree",
        "do not consent", "don't consent", "continue without agreeing", "continue without accepting",
        "not now", "no thanks", "exit", "quit", "cancel", "deny",
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
        "同意", "接受", "agree", "accept", "i consent", "consent and continue", "allow all",
    ),
    exact=(
        "开始使用", "進入應用", "进入应用", "继续", "繼續", "continue", "allow and continue", "start",
        "consent",
    ),
)  # fmt: skip

# Refusing the full policy while still using the app: basic mode (offered as a control).
BASIC_MODE = Words(
    "basic mode",
    contains=(
        "仅浏览", "僅瀏覽", "基本功能模式", "基础功能模式", "基本模式", "基础模式", "浏览模式", "瀏覽模式",
        "游客模式", "访客模式", "仅使用基本功能", "基本功能", "basic mode", "basic features",
        "browse only", "limited mode", "guest mode",
    ),
)  # fmt: skip

# A second ask after a refusal (温馨提示 … 仍不同意 / If you still do not agree …).
SECOND_ASK = Words(
    "second ask",
    contains=(
        "仍不同意", "仍然不同意", "依然不同意", "温馨提示", "溫馨提示", "若不同意", "如果不同意",
        "如您不同意", "若您不同意", "still do not agree", "still don't agree", "if you do not agree",
        "if you don't agree", "are you sure",
    ),
)  # fmt: skip

# What goes forward on a sign-in form whose consent is a checkbox.
SUBMIT = Words(
    "submit",
    contains=(
        "登录", "登錄", "登入", "注册", "註冊", "进入游戏", "進入遊戲", "开始游戏", "開始遊戲", "一键登录",
        "下一步", "log in", "login", "sign in", "sign up", "register", "get started",
    ),
    exact=(
        "继续", "繼續", "确定", "確定", "确认", "確認", "开始", "開始", "进入", "進入", "continue", "next",
        "start", "enter", "ok",
    ),
)  # fmt: skip

# Controls of a consent screen that neither accept nor refuse (never chosen as either).
CONSENT_NEUTRAL = Words(
    "neutral",
    contains=(
        "管理选项", "管理選項", "了解更多", "查看详情", "查看詳情", "自定义", "自訂", "隐私设置",
        "manage options", "manage preferences", "more options", "learn more", "cookie settings",
        "cookies settings", "show purposes", "customise", "customize", "preferences", "settings",
    ),
)  # fmt: skip

# Words of the runtime-permission dialog's buttons, most usual grant first (the dialog's
# strings in packages/modules/Permission PermissionController/res/values{,-zh-rCN}/strings.xml),
# for dumps whose buttons carry no resource id.
PERMISSION_ALLOW = Words(
    "permission allow",
    contains=(
        "仅在使用中允许", "仅在使用该应用时允许", "仅在使用此应用时允许", "使用时允许", "while using the app",
        "only while using", "allow only while",
    ),
    exact=(
        "允许", "允許", "始终允许", "一律允许", "仅限这一次", "本次运行允许", "allow", "allow all the time",
        "only this time", "continue",
    ),
)  # fmt: skip
PERMISSION_DENY = Words(
    "permission deny",
    contains=("拒绝", "拒絕", "不允许", "不允許", "禁止", "deny", "don't allow", "do not allow"),
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
