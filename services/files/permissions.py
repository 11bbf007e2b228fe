"""A file may be downloaded by whoever may see its owner: the owner model's visible_to(user) decides."""


def can_download(user, case_file) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    model = case_file.content_type.model_class()
    manager = getattr(model, "objects", None)
    if manager is None or not hasattr(manager, "visible_to"):
        return False
    return manager.visible_to(user).filter(pk=case_file.object_id).exists()
