"""drf-spectacular hooks: the published schema documents the portal's API under /api/v1/ only
(Wagtail's internal admin API is not part of it)."""

API_PREFIX = "/api/v1/"


def only_portal_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]


# The error answers every endpoint can give (services.casework.api_errors and DRF's own handler), documented on
# every operation by `document_error_statuses` (a postprocessing hook), so the schema states what is returned.
ERROR_SCHEMAS = {
    "ErrorDetail": {
        "type": "object",
        "description": "拒绝或出错的说明；办理状态不符时 state 写明当前状态。",
        "properties": {"detail": {"type": "string"}, "state": {"type": "string"}},
        "required": ["detail"],
    },
    "FieldErrors": {
        "type": "object",
        "description": "按字段列出的校验错误：字段名 → 错误信息列表（嵌套字段为对象）。",
        "additionalProperties": {"anyOf": [{"type": "array"}, {"type": "object"}, {"type": "string"}]},
    },
}
ERROR_DETAIL = {"$ref": "#/components/schemas/ErrorDetail"}
FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
BAD_REQUEST = {"anyOf": [ERROR_DETAIL, FIELD_ERRORS, {"type": "array", "items": FIELD_ERRORS}]}
DESCRIPTIONS = {
    "400": "输入有误（按字段列出）或因规则、办理状态被拒绝",
    "401": "接口令牌无效、已过期或已撤销（带 Authorization 请求头时）",
    "403": "未登录、未完成双因素验证或无权执行此操作",
    "404": "对象不存在或您无权查看（含非数字编号、超出范围的页码）",
}
WRITES = {"post", "put", "patch", "delete"}


def error_statuses(path: str, method: str, operation: dict) -> list[str]:
    """The error statuses an operation answers: 400 for a body or a declared 400, 403 where sign-in is
    needed or a write may be refused, 404 for a path id or a page number; 401 everywhere, since every
    operation refuses a wrong, expired or revoked token rather than treat it as anonymous."""
    codes = ["401"]
    if method in WRITES or "400" in operation["responses"]:
        codes.append("400")
    anonymous_allowed = {} in operation.get("security", [{}])
    if method in WRITES or not anonymous_allowed:
        codes.append("403")
    parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
    if "{" in path or "page" in parameters:
        codes.append("404")
    return codes


def document_error_statuses(result, generator=None, request=None, public=None):
    result.setdefault("components", {}).setdefault("schemas", {}).update(ERROR_SCHEMAS)
    for path, operations in result["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            for code in error_statuses(path, method, operation):
                if code == "400":
                    declared = responses.get("400", {}).get("content", {}).get("application/json", {})
                    schema = (
                        {"anyOf": [declared["schema"], *BAD_REQUEST["anyOf"]]} if declared else BAD_REQUEST
                    )
                    responses["400"] = {
                        "description": DESCRIPTIONS["400"],
                        "content": {"application/json": {"schema": schema}},
                    }
                else:
                    responses.setdefault(
                        code,
                        {
                            "description": DESCRIPTIONS[code],
                            "content": {"application/json": {"schema": ERROR_DETAIL}},
                        },
                    )
    return result
