"""What an app's screens say about runtime permissions, for permission_prompt_misleading: the
words naming each permission group (or a purpose that needs it) with the group's manifest
permissions, and the words of refusing, of generic "go on" controls and of asking for Settings.
"""

from __future__ import annotations

from harness.ui.tree import UiScreen
from harness.ui.words import Words

# What a screen says for each permission group (its name or a purpose that needs it), and the
# manifest permissions of the group (developer.android.com/reference/android/Manifest.permission).
GROUPS: dict[str, tuple[Words, frozenset[str]]] = {
    "location": (
        Words(
            "location",
            contains=(
                "位置",
                "定位",
                "天气",
                "附近",
                "地图",
                "导航",
                "location",
                "weather",
                "nearby",
                "map",
                "navigation",
                "gps",
            ),
        ),
        frozenset({"ACCESS_FINE_LOCATION", "ACCESS_COARSE_LOCATION", "ACCESS_BACKGROUND_LOCATION"}),
    ),
    "contacts": (
        Words(
            "contacts",
            contains=("通讯录", "联系人", "通訊錄", "聯絡人", "找朋友", "contacts", "address book"),
        ),
        frozenset({"READ_CONTACTS", "WRITE_CONTACTS", "GET_ACCOUNTS"}),
    ),
    "camera": (
        Words(
            "camera",
            contains=(
                "相机",
                "摄像头",
                "拍照",
                "拍摄",
                "扫码",
                "扫一扫",
                "相機",
                "camera",
                "take photos",
                "scan",
            ),
        ),
        frozenset({"CAMERA"}),
    ),
    "microphone": (
        Words(
            "microphone", contains=("麦克风", "录音", "语音", "麥克風", "microphone", "record audio", "voice")
        ),
        frozenset({"RECORD_AUDIO"}),
    ),
    "storage": (
        Words(
            "storage",
            contains=(
                "存储",
                "相册",
                "照片",
                "文件",
                "儲存",
                "相簿",
                "storage",
                "photos",
                "files",
                "gallery",
                "media",
            ),
        ),
        frozenset(
            {
                "READ_EXTERNAL_STORAGE",
                "WRITE_EXTERNAL_STORAGE",
                "READ_MEDIA_IMAGES",
                "READ_MEDIA_VIDEO",
                "READ_MEDIA_AUDIO",
                "READ_MEDIA_VISUAL_USER_SELECTED",
            }
        ),
    ),
    "phone": (
        Words("phone", contains=("电话", "设备信息", "通话", "電話", "phone", "device id", "calls")),
        frozenset({"READ_PHONE_STATE", "READ_PHONE_NUMBERS", "CALL_PHONE", "READ_CALL_LOG"}),
    ),
    "sms": (
        Words("sms", contains=("短信", "簡訊", "sms", "text messages")),
        frozenset({"READ_SMS", "SEND_SMS", "RECEIVE_SMS"}),
    ),
    "calendar": (
        Words("calendar", contains=("日历", "日曆", "calendar")),
        frozenset({"READ_CALENDAR", "WRITE_CALENDAR"}),
    ),
    "notifications": (
        Words("notifications", contains=("通知", "推送", "notification")),
        frozenset({"POST_NOTIFICATIONS"}),
    ),
}
PERMISSION_WORDS = Words("permission", contains=("权限", "權限", "授权", "授權", "permission", "access"))
REFUSE_WORDS = Words(
    "refuse a permission",
    contains=(
        "拒绝",
        "拒絕",
        "不允许",
        "暂不",
        "以后再说",
        "下次再说",
        "取消",
        "不用了",
        "deny",
        "don't allow",
        "not now",
        "later",
        "no thanks",
        "cancel",
        "skip",
    ),
)
GENERIC_CONTROLS = Words(
    "generic",
    exact=("ok", "okay", "好", "好的", "确定", "確定", "开始", "開始", "继续", "繼續", "下一步", "start",
           "continue", "next", "go", "立即体验", "立即开始", "进入", "我知道了", "知道了", "got it"),
)  # fmt: skip
USER_ASKED_SETTINGS = Words(
    "settings asked", contains=("去设置", "设置", "前往", "开启", "打开", "settings", "enable", "turn on")
)


def groups_of(names: list[str]) -> frozenset[str]:
    short = {n.rsplit(".", 1)[-1] for n in names}
    return frozenset(group for group, (_, perms) in GROUPS.items() if short & perms)


def named_groups(screen: UiScreen) -> frozenset[str]:
    text = " ".join(screen.texts())
    return frozenset(group for group, (words, _) in GROUPS.items() if words.match(text))
