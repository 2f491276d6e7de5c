package dev.vigil.notification;

public record NotificationReceipt(long notificationId, String provider, String status) {}
